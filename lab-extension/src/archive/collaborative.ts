/**
 * Real-time collaboration (jupyter-collaboration): the server writes the file, on a collaborator's
 * Ctrl+S and on its own after each change. Every tab with the notebook open hears of each write as the
 * contents manager's `fileChanged` of type `save`; only the tab that pressed Ctrl+S sees its save complete.
 *
 * So: an explicit save is archived by the tab that made it, once the server has written it (its save
 * completes before that), having told the others through the notebook's awareness; the server's own saves are archived by one tab only, the Bookstore
 * tab with the smallest awareness id, at most every `autoVersionMinutes`; every tab lists the history
 * again shortly after a save, so each collaborator's panel shows the new versions; and saves kept while
 * S3 was down go up in save order across the collaborators' browsers: each tab says in the awareness how
 * old its oldest kept save is, and an upload waits while a collaborator holds an older one.
 */
import { NotebookPanel } from '@jupyterlab/notebook';
import { Contents } from '@jupyterlab/services';

import { AutoVersions } from './autoversions';

/** The awareness field of a Bookstore tab in a shared notebook. */
const FIELD = 'bookstore';
/** A save heard this long after a collaborator said it would save is that explicit save. */
const EXPLICIT_WINDOW_MS = 10_000;
/** When the other tabs list the history again after a save: once the saver's upload has likely landed. */
const RELIST_AFTER_MS = [3_000, 10_000];
/** An explicit save the server wrote without changing the file is heard of never: archived after this. */
const WRITTEN_WAIT_MS = 5_000;
/** How long an upload waits for a collaborator's older save at most (they may have lost S3 for good). */
const TURN_WAIT_MS = 60_000;
const TURN_POLL_MS = 500;

interface IBookstoreState {
  /** This tab archives the notebook's saves (Bookstore is configured in it). */
  archives: boolean;
  /** When this tab last asked the server to save the notebook (Ctrl+S, Publish, Restore). */
  explicitAt?: number;
  /** When the oldest save of the notebook this tab keeps for S3 was made, if it keeps one. */
  oldestKept?: number;
}

type Awareness = NotebookPanel['context']['model']['sharedModel']['awareness'];

export class Collaboration {
  constructor(
    contents: Contents.IManager,
    private readonly auto: AutoVersions,
    private readonly archive: (path: string) => void,
    private readonly relist: (path: string) => void
  ) {
    contents.fileChanged.connect((_, change) => this.onFileChanged(change));
  }

  /** Whether `panel`'s notebook is shared through the server (RTC). */
  static isShared(panel: NotebookPanel): boolean {
    return panel.context.model.collaborative === true;
  }

  /** Follows a shared notebook: this tab takes part in archiving its saves. */
  follow(panel: NotebookPanel): void {
    this.panels.add(panel);
    panel.disposed.connect(() => this.panels.delete(panel));
    this.setState(panel, { archives: true });
  }

  /** Tells the collaborators how old this tab's oldest kept save of each shared notebook is. */
  keeping(pending: { path: string; savedAt: number }[]): void {
    for (const panel of this.panels) {
      const times = pending.filter(item => item.path === panel.context.path).map(item => item.savedAt);
      const oldestKept = times.length > 0 ? Math.min(...times) : undefined;
      if (this.stateOf(panel).oldestKept !== oldestKept) {
        this.setState(panel, { oldestKept });
      }
    }
  }

  /** Resolves once no collaborator keeps a save of `path` older than `savedAt` (or after a minute). */
  async turn(path: string, savedAt: number): Promise<void> {
    const panel = this.find(path);
    if (!panel) {
      return;
    }
    const awareness = panel.context.model.sharedModel.awareness;
    const older = () =>
      [...awareness.getStates()].some(([id, state]) => {
        const kept = (state[FIELD] as IBookstoreState | undefined)?.oldestKept;
        return id !== awareness.clientID && kept !== undefined && kept < savedAt;
      });
    const until = Date.now() + TURN_WAIT_MS;
    while (older() && Date.now() < until) {
      await new Promise(resolve => setTimeout(resolve, TURN_POLL_MS));
    }
  }

  /** Tells the collaborators that this tab is saving `path` explicitly (and archives that save itself). */
  announceExplicit(path: string): void {
    const panel = this.find(path);
    if (panel) {
      this.setState(panel, { explicitAt: Date.now() });
    }
  }

  /** This tab's explicit save of `path` completed: archive the file once the server has written it. */
  savedExplicitly(path: string): void {
    const early = this.writtenEarly.get(path);
    this.writtenEarly.delete(path);
    if (early !== undefined && Date.now() - early < WRITTEN_WAIT_MS) {
      this.archiveExplicit(path);
      return;
    }
    clearTimeout(this.written.get(path));
    this.written.set(
      path,
      setTimeout(() => this.archiveExplicit(path), WRITTEN_WAIT_MS)
    );
  }

  private archiveExplicit(path: string): void {
    clearTimeout(this.written.get(path));
    this.written.delete(path);
    this.auto.archivedExplicitly(path);
    this.archive(path);
  }

  private onFileChanged(change: Contents.IChangedArgs): void {
    const path = change.type === 'save' ? change.newValue?.path : undefined;
    const panel = path ? this.find(path) : undefined;
    if (!path || !panel) {
      return;
    }
    RELIST_AFTER_MS.forEach(delay => setTimeout(() => this.relist(path), delay));
    const awareness = panel.context.model.sharedModel.awareness;
    const by = this.takeExplicit(path, awareness);
    if (by === awareness.clientID || (by === null && this.written.has(path))) {
      // This tab's own explicit save, written; its save may not have completed here yet.
      if (this.written.has(path)) {
        this.archiveExplicit(path);
      } else {
        this.writtenEarly.set(path, Date.now());
      }
    } else if (by !== null) {
      // A collaborator's: they archive it.
      this.auto.archivedExplicitly(path);
    } else if (elected(awareness)) {
      this.auto.saved(path);
    }
  }

  /**
   * Who announced the save just heard (an awareness id), if anyone did: the oldest announcement not
   * yet counted, each counted once.
   */
  private takeExplicit(path: string, awareness: Awareness): number | null {
    const now = Date.now();
    const announced = [...awareness.getStates()]
      .map(([id, state]) => ({ id, at: (state[FIELD] as IBookstoreState | undefined)?.explicitAt ?? 0 }))
      .filter(({ id, at }) => now - at < EXPLICIT_WINDOW_MS && at > (this.heard.get(`${path}\n${id}`) ?? 0))
      .sort((x, y) => x.at - y.at);
    if (announced.length === 0) {
      return null;
    }
    const { id, at } = announced[0];
    this.heard.set(`${path}\n${id}`, at);
    return id;
  }

  private find(path: string): NotebookPanel | undefined {
    return [...this.panels].find(panel => panel.context.path === path);
  }

  private stateOf(panel: NotebookPanel): Partial<IBookstoreState> {
    return (panel.context.model.sharedModel.awareness.getLocalState()?.[FIELD] as IBookstoreState) ?? {};
  }

  /** Changes some fields of this tab's Bookstore state in the notebook's awareness. */
  private setState(panel: NotebookPanel, change: Partial<IBookstoreState>): void {
    const state = { archives: true, ...this.stateOf(panel), ...change };
    panel.context.model.sharedModel.awareness.setLocalStateField(FIELD, state);
  }

  private readonly panels = new Set<NotebookPanel>();
  /** This tab's explicit saves waiting for the server's write, per path. */
  private readonly written = new Map<string, ReturnType<typeof setTimeout>>();
  /** This tab's explicit saves the server wrote before the save completed here. */
  private readonly writtenEarly = new Map<string, number>();
  /** Per notebook and collaborator, the explicit save already counted. */
  private readonly heard = new Map<string, number>();
}

/** Whether this tab is the one that archives the server's own saves: the smallest Bookstore id. */
function elected(awareness: Awareness): boolean {
  const archivers = [...awareness.getStates()]
    .filter(([, state]) => (state[FIELD] as IBookstoreState | undefined)?.archives)
    .map(([id]) => id);
  return archivers.length === 0 || Math.min(...archivers) === awareness.clientID;
}
