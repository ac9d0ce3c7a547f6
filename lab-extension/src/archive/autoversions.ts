/**
 * Versions of the saves nobody asked for (JupyterLab's autosave; with real-time collaboration, the
 * server's saves after each change): at most one per notebook every `minutes`, of the file as it is
 * when it is made. The last automatic save is never dropped: when one comes too soon, a version is made
 * once the period is over, so what was typed last reaches S3. No JupyterLab imports (unit-tested).
 */
export class AutoVersions {
  /**
   * @param archive makes the version (reads the file then).
   * @param minutes the period, read at each save (a setting).
   * @param settleMs how long a version waits at least: under RTC, time for a collaborator's explicit save
   *   of the same content to land first, so that this one finds it unchanged.
   */
  constructor(
    private readonly archive: (path: string) => void,
    private readonly minutes: () => number,
    private readonly settleMs = 0
  ) {}

  /** A save nobody asked for wrote `path`. */
  saved(path: string): void {
    if (this.due.has(path)) {
      return;
    }
    const last = this.last.get(path) ?? -Infinity;
    const wait = Math.max(this.settleMs, last + this.minutes() * 60_000 - Date.now());
    const timer = setTimeout(() => {
      this.due.delete(path);
      this.last.set(path, Date.now());
      this.archive(path);
    }, wait);
    this.due.set(path, timer);
  }

  /** A save someone asked for was archived: it holds the file, and the period starts again. */
  archivedExplicitly(path: string): void {
    clearTimeout(this.due.get(path));
    this.due.delete(path);
    this.last.set(path, Date.now());
  }

  /** Whether an automatic version of `path` is waiting for its time. */
  isDue(path: string): boolean {
    return this.due.has(path);
  }

  dispose(): void {
    this.due.forEach(timer => clearTimeout(timer));
    this.due.clear();
  }

  private readonly last = new Map<string, number>();
  private readonly due = new Map<string, ReturnType<typeof setTimeout>>();
}
