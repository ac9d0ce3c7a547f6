/**
 * Which saves someone asked for: a command that saves (Save, Save All, Publish, Restore) marks the
 * notebook it acts on, and the next completed save of that notebook is explicit. JupyterLab's autosave
 * runs no command, so its saves stay unmarked. No JupyterLab imports (unit-tested).
 */

/** The commands whose saves are explicit: JupyterLab's own, and this extension's that save first. */
export const SAVING_COMMANDS = ['docmanager:save', 'docmanager:save-all', 'docmanager:save-as'];

/** A mark left by a command that then saved nothing is forgotten after this long. */
const MARK_LIFETIME_MS = 60_000;

export class ExplicitSaves {
  /** Marks the next save of each of `paths` as asked for. */
  mark(paths: Iterable<string>): void {
    for (const path of paths) {
      this.marks.set(path, Date.now());
    }
  }

  /** Whether the save of `path` that just completed was asked for; the mark is used up. */
  take(path: string): boolean {
    const at = this.marks.get(path);
    this.marks.delete(path);
    return at !== undefined && Date.now() - at < MARK_LIFETIME_MS;
  }

  private readonly marks = new Map<string, number>();
}
