//! Aligning two sequences: a "snake" `(i, j, n)` says `a[i..i+n]` and `b[j..j+n]` correspond. nbdime
//! aligns with a longest common subsequence computed by brute force (every pair compared), under a
//! list of predicates from the strictest to the loosest: the strictest aligns first, and each looser
//! one only fills the gaps between the snakes found so far (cells: same id, then nearly the same
//! source and outputs, then similar source). The same tie-breaking as nbdime keeps diffs identical.

/// A predicate deciding whether two items correspond.
pub type Compare<'p, T> = &'p dyn Fn(&T, &T) -> bool;

/// Snakes of the longest common subsequence of `a` and `b` under `compare`.
fn snakes_bruteforce<T>(a: &[T], b: &[T], compare: Compare<T>) -> Vec<(usize, usize, usize)> {
    let (n, m) = (a.len(), b.len());
    // Sequences that correspond item by item, in order (the cells of most pairs of saves): the walk back
    // below takes a match whenever there is one, so it would find exactly this diagonal. Checking it
    // costs n comparisons where the grid costs n × m.
    if n == m && a.iter().zip(b).all(|(x, y)| compare(x, y)) {
        return if n == 0 { Vec::new() } else { vec![(0, 0, n)] };
    }
    let grid: Vec<bool> = a.iter().flat_map(|x| b.iter().map(move |y| compare(x, y))).collect();
    let equal = |x: usize, y: usize| grid[x * m + y];
    // lengths[x][y]: length of the LCS of a[..x] and b[..y].
    let width = m + 1;
    let mut lengths = vec![0u32; (n + 1) * width];
    for x in 1..=n {
        for y in 1..=m {
            lengths[x * width + y] = if equal(x - 1, y - 1) {
                lengths[(x - 1) * width + y - 1] + 1
            } else {
                lengths[(x - 1) * width + y].max(lengths[x * width + y - 1])
            };
        }
    }
    // Walk back from the end, preferring a match, then a step back in `a`.
    let mut pairs = Vec::new();
    let (mut x, mut y) = (n, m);
    while x > 0 && y > 0 {
        if equal(x - 1, y - 1) {
            x -= 1;
            y -= 1;
            pairs.push((x, y));
        } else if lengths[x * width + y] == lengths[(x - 1) * width + y] {
            x -= 1;
        } else {
            y -= 1;
        }
    }
    let mut snakes: Vec<(usize, usize, usize)> = Vec::new();
    for (i, j) in pairs.into_iter().rev() {
        match snakes.last_mut() {
            Some(last) if last.0 + last.2 == i && last.1 + last.2 == j => last.2 += 1,
            _ => snakes.push((i, j, 1)),
        }
    }
    snakes
}

/// Snakes of `a[i0..i1]` against `b[j0..j1]`, under `compares[..=level]` (strictest last).
pub fn snakes_multilevel<T>(a: &[T], b: &[T], compares: &[Compare<T>]) -> Vec<(usize, usize, usize)> {
    multilevel(a, b, compares, (0, 0, a.len(), b.len()), compares.len() - 1)
}

fn multilevel<T>(
    a: &[T],
    b: &[T],
    compares: &[Compare<T>],
    rect: (usize, usize, usize, usize),
    level: usize,
) -> Vec<(usize, usize, usize)> {
    let (mut i0, mut j0, i1, j1) = rect;
    let coarse: Vec<_> = snakes_bruteforce(&a[i0..i1], &b[j0..j1], compares[level])
        .into_iter()
        .map(|(i, j, n)| (i + i0, j + j0, n))
        .collect();
    if level == 0 {
        return coarse;
    }
    let mut snakes: Vec<(usize, usize, usize)> = Vec::new();
    for (i, j, n) in coarse.into_iter().chain([(i1, j1, 0)]) {
        if i > i0 && j > j0 {
            snakes.extend(multilevel(a, b, compares, (i0, j0, i, j), level - 1));
        }
        if n > 0 {
            match snakes.last_mut() {
                Some(last) if last.0 + last.2 == i && last.1 + last.2 == j => last.2 += n,
                _ => snakes.push((i, j, n)),
            }
        }
        (i0, j0) = (i + n, j + n);
    }
    snakes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lcs_prefers_the_last_match_as_nbdime_does() {
        // nbdime: bruteforce_compute_snakes(list("aa"), list("a"), operator.__eq__) == [(1, 0, 1)]
        let eq = |x: &char, y: &char| x == y;
        assert_eq!(snakes_bruteforce(&['a', 'a'], &['a'], &eq), vec![(1, 0, 1)]);
    }

    #[test]
    fn a_diagonal_is_found_without_the_grid_as_with_it() {
        let eq = |x: &char, y: &char| x == y;
        let a: Vec<char> = "abcab".chars().collect();
        assert_eq!(snakes_bruteforce(&a, &a, &eq), vec![(0, 0, 5)]);
        // One item off the diagonal: the grid decides, as nbdime's brute force does.
        assert_eq!(snakes_bruteforce(&a, &['a', 'b', 'x', 'a', 'b'], &eq), vec![(0, 0, 2), (3, 3, 2)]);
        assert_eq!(snakes_bruteforce::<char>(&[], &[], &eq), vec![]);
    }

    #[test]
    fn looser_levels_fill_the_gaps() {
        // Strict: equal; loose: same first letter. "ab", "ax", "cd" against "ay", "cd".
        let strict = |x: &&str, y: &&str| x == y;
        let loose = |x: &&str, y: &&str| x.chars().next() == y.chars().next();
        let (a, b) = (["ab", "ax", "cd"], ["ay", "cd"]);
        let compares: [Compare<&str>; 2] = [&loose, &strict];
        assert_eq!(snakes_multilevel(&a, &b, &compares), vec![(1, 0, 2)]);
    }
}
