//! A progress bar on the terminal for transfers of a few MB or more; nothing when stderr is not a
//! terminal (a pipe, a scheduler's log), so scripts read only what they asked for.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};

use bookstore::Transfer;

/// Smaller transfers end before a bar would help.
const SHOWN_FROM_BYTES: u64 = 4 << 20;
const WIDTH: u64 = 30;

/// The progress reporter for `Bookstore::with_progress`, or `None` when stderr is not a terminal.
pub fn bar() -> Option<impl Fn(Transfer) + Send + Sync + 'static> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    // The last step drawn (of WIDTH): the bar is redrawn only when it moves.
    let drawn = AtomicU64::new(u64::MAX);
    Some(move |transfer: Transfer| {
        let Some(total) = transfer.total.filter(|&total| total >= SHOWN_FROM_BYTES) else { return };
        let step = transfer.done.min(total) * WIDTH / total;
        if drawn.swap(step, Ordering::Relaxed) == step {
            return;
        }
        let arrow = if transfer.upload { "up" } else { "down" };
        let (done, total_mb) = (transfer.done as f64 / 1e6, total as f64 / 1e6);
        let bar = format!("{}{}", "#".repeat(step as usize), " ".repeat((WIDTH - step) as usize));
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{arrow} [{bar}] {done:.1} / {total_mb:.1} MB");
        if transfer.done >= total {
            let _ = writeln!(err);
            drawn.store(u64::MAX, Ordering::Relaxed);
        }
    })
}
