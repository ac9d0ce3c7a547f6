/**
 * User Timing marks on the archive path, so that DevTools' Performance panel (and the benchmark in
 * bench/archive-longtask) show where the time of a save's archiving goes. Each costs a few microseconds.
 */

/** Marks a moment as `bookstore:<name>`. */
export function mark(name: string, detail?: string): void {
  performance.mark(`bookstore:${name}`, { detail });
}

/** Runs `task` and records it as the measure `bookstore:<name>`, whether it succeeds or fails. */
export async function timed<T>(name: string, task: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await task();
  } finally {
    performance.measure(`bookstore:${name}`, { start });
  }
}
