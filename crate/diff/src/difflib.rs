//! The parts of Python's `difflib.SequenceMatcher` that nbdime uses, with `isjunk=None` and
//! `autojunk=False`: matching blocks, opcodes and the three similarity ratios. It is the same algorithm
//! (longest matching block first, then recursively left and right of it), so ties resolve as in Python
//! and the diffs inside lines and the "is this cell the same one, edited?" decisions come out alike.

use std::collections::HashMap;
use std::hash::Hash;

/// Compares two sequences, as `SequenceMatcher(None, a, b, autojunk=False)`.
pub struct Matcher<'a, T> {
    a: &'a [T],
    b: &'a [T],
    /// Where each element occurs in `b`, in ascending order.
    b2j: HashMap<&'a T, Vec<usize>>,
}

/// One opcode: what turns `a[a0..a1]` into `b[b0..b1]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opcode {
    Equal,
    Replace,
    Delete,
    Insert,
}

impl<'a, T: Eq + Hash> Matcher<'a, T> {
    pub fn new(a: &'a [T], b: &'a [T]) -> Self {
        let mut b2j: HashMap<&T, Vec<usize>> = HashMap::new();
        for (j, item) in b.iter().enumerate() {
            b2j.entry(item).or_default().push(j);
        }
        Matcher { a, b, b2j }
    }

    /// The longest block `a[i..i+k] == b[j..j+k]` inside the ranges, the earliest in `a` (then in `b`) of
    /// those as long. Row by row, `prev[j]` is the length of the match ending at `a[i-1]`, `b[j]`.
    fn longest_match(&self, alo: usize, ahi: usize, blo: usize, bhi: usize) -> (usize, usize, usize) {
        let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0);
        // Lengths by j + 1, stamped with the row that wrote them, so that no row needs clearing.
        let width = self.b.len() + 1;
        let (mut prev, mut cur) = (vec![(usize::MAX, 0usize); width], vec![(usize::MAX, 0usize); width]);
        for i in alo..ahi {
            if let Some(js) = self.b2j.get(&self.a[i]) {
                for &j in js.iter().skip_while(|&&j| j < blo).take_while(|&&j| j < bhi) {
                    let before = if i > 0 && prev[j].0 == i - 1 { prev[j].1 } else { 0 };
                    let k = before + 1;
                    cur[j + 1] = (i, k);
                    if k > bestsize {
                        (besti, bestj, bestsize) = (i + 1 - k, j + 1 - k, k);
                    }
                }
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        // Python extends the block over junk here; with no junk nothing changes, except through the
        // equal-neighbour loops below, kept as Python has them.
        while besti > alo && bestj > blo && self.a[besti - 1] == self.b[bestj - 1] {
            (besti, bestj, bestsize) = (besti - 1, bestj - 1, bestsize + 1);
        }
        while besti + bestsize < ahi && bestj + bestsize < bhi && self.a[besti + bestsize] == self.b[bestj + bestsize] {
            bestsize += 1;
        }
        (besti, bestj, bestsize)
    }

    /// The matching blocks, ascending, adjacent ones merged, ending with `(len(a), len(b), 0)`.
    pub fn matching_blocks(&self) -> Vec<(usize, usize, usize)> {
        let (la, lb) = (self.a.len(), self.b.len());
        let mut queue = vec![(0, la, 0, lb)];
        let mut blocks = Vec::new();
        while let Some((alo, ahi, blo, bhi)) = queue.pop() {
            let (i, j, k) = self.longest_match(alo, ahi, blo, bhi);
            if k > 0 {
                blocks.push((i, j, k));
                if alo < i && blo < j {
                    queue.push((alo, i, blo, j));
                }
                if i + k < ahi && j + k < bhi {
                    queue.push((i + k, ahi, j + k, bhi));
                }
            }
        }
        blocks.sort_unstable();
        let mut merged = Vec::with_capacity(blocks.len() + 1);
        let (mut i1, mut j1, mut k1) = (0, 0, 0);
        for (i2, j2, k2) in blocks {
            if i1 + k1 == i2 && j1 + k1 == j2 {
                k1 += k2;
            } else {
                if k1 > 0 {
                    merged.push((i1, j1, k1));
                }
                (i1, j1, k1) = (i2, j2, k2);
            }
        }
        if k1 > 0 {
            merged.push((i1, j1, k1));
        }
        merged.push((la, lb, 0));
        merged
    }

    /// The opcodes turning `a` into `b`: `(tag, a0, a1, b0, b1)`.
    pub fn opcodes(&self) -> Vec<(Opcode, usize, usize, usize, usize)> {
        let (mut i, mut j) = (0, 0);
        let mut answer = Vec::new();
        for (ai, bj, size) in self.matching_blocks() {
            let tag = match (i < ai, j < bj) {
                (true, true) => Some(Opcode::Replace),
                (true, false) => Some(Opcode::Delete),
                (false, true) => Some(Opcode::Insert),
                (false, false) => None,
            };
            if let Some(tag) = tag {
                answer.push((tag, i, ai, j, bj));
            }
            (i, j) = (ai + size, bj + size);
            if size > 0 {
                answer.push((Opcode::Equal, ai, i, bj, j));
            }
        }
        answer
    }

    /// Similarity in [0, 1]: twice the matched elements over the total.
    pub fn ratio(&self) -> f64 {
        of_total(self.a.len() + self.b.len(), self.matching_blocks().iter().map(|block| block.2).sum())
    }
}

fn of_total(total: usize, matches: usize) -> f64 {
    if total == 0 {
        1.0
    } else {
        2.0 * matches as f64 / total as f64
    }
}

/// An upper bound of the ratio: elements in common regardless of order (Python's `quick_ratio`).
/// A free function: it needs no matcher, whose index of `b` costs more than this whole count.
pub fn quick_ratio(a: &[char], b: &[char]) -> f64 {
    let mut left = CharCounts::default();
    b.iter().for_each(|&c| *left.of(c) += 1);
    let mut matches = 0;
    for &c in a {
        let count = left.of(c);
        if *count > 0 {
            matches += 1;
        }
        *count -= 1;
    }
    of_total(a.len() + b.len(), matches)
}

/// How many of each character: ASCII in an array, the rest in a map.
struct CharCounts {
    ascii: [isize; 128],
    others: HashMap<char, isize>,
}

impl Default for CharCounts {
    fn default() -> Self {
        CharCounts { ascii: [0; 128], others: HashMap::new() }
    }
}

impl CharCounts {
    fn of(&mut self, c: char) -> &mut isize {
        match c as usize {
            code @ 0..128 => &mut self.ascii[code],
            _ => self.others.entry(c).or_insert(0),
        }
    }
}

/// A cheaper upper bound, from the lengths alone (Python's `real_quick_ratio`).
pub fn real_quick_ratio(la: usize, lb: usize) -> f64 {
    of_total(la + lb, la.min(lb))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn opcodes_match_python() {
        // difflib.SequenceMatcher(None, "qabxcd", "abycdf", autojunk=False).get_opcodes()
        let (a, b) = (chars("qabxcd"), chars("abycdf"));
        let ops = Matcher::new(&a, &b).opcodes();
        assert_eq!(
            ops,
            vec![
                (Opcode::Delete, 0, 1, 0, 0),
                (Opcode::Equal, 1, 3, 0, 2),
                (Opcode::Replace, 3, 4, 2, 3),
                (Opcode::Equal, 4, 6, 3, 5),
                (Opcode::Insert, 6, 6, 5, 6),
            ]
        );
    }

    #[test]
    fn ratios_match_python() {
        // SequenceMatcher(None, "abcd", "bcde"): ratio 0.75, quick 0.75, real quick 1.0
        let (a, b) = (chars("abcd"), chars("bcde"));
        let ratios = (Matcher::new(&a, &b).ratio(), quick_ratio(&a, &b), real_quick_ratio(a.len(), b.len()));
        assert_eq!(ratios, (0.75, 0.75, 1.0));
        // Beyond ASCII: SequenceMatcher(None, "héé", "éhx").quick_ratio() == 2/3
        assert_eq!(quick_ratio(&chars("héé"), &chars("éhx")), 2.0 / 3.0);
        // SequenceMatcher(None, "private Thread currentThread;", "private volatile Thread currentThread;")
        let (a, b) = (chars("private Thread currentThread;"), chars("private volatile Thread currentThread;"));
        assert!((Matcher::new(&a, &b).ratio() - 0.8656716417910447).abs() < 1e-15);
    }
}
