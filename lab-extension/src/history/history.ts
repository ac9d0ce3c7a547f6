/**
 * A notebook's history as the panel shows it: workspace versions, loaded a page at a time, merged with
 * its published versions (a short list, loaded whole), newest first. No JupyterLab imports, so it is
 * unit-tested directly.
 */
import type { Scope, VersionEntry, VersionList } from '../wasm/bookstore';

/** One row of the history panel. */
export interface IHistoryEntry extends VersionEntry {
  scope: Scope;
}

/** What the cursor needs from the backend. */
export interface IHistorySource {
  listVersionsPage(path: string, scope: Scope, after?: string | null, maxKeys?: number | null): Promise<VersionList>;
  listVersions(path: string, scope: Scope): Promise<VersionList>;
}

/** Workspace versions fetched per page. */
export const HISTORY_PAGE = 200;

const tag =
  (scope: Scope) =>
  (v: VersionEntry): IHistoryEntry => ({ ...v, scope });

/**
 * Newest first: the two lists, each in the server's order, merged by time. Published versions older
 * than the oldest loaded workspace version wait until the workspace pages reach them (or the history
 * is complete), so rows never jump as pages arrive.
 */
export function mergeHistory(
  workspace: IHistoryEntry[],
  published: IHistoryEntry[],
  complete: boolean
): IHistoryEntry[] {
  const oldest = workspace.length > 0 ? workspace[workspace.length - 1].lastModified : '';
  const shown = complete ? published : published.filter(p => p.lastModified >= oldest);
  const merged: IHistoryEntry[] = [];
  let next = 0;
  for (const entry of workspace) {
    while (next < shown.length && shown[next].lastModified > entry.lastModified) {
      merged.push(shown[next++]);
    }
    merged.push(entry);
  }
  return merged.concat(shown.slice(next));
}

export class HistoryCursor {
  private constructor(
    private readonly source: IHistorySource,
    readonly path: string,
    private workspace: IHistoryEntry[],
    private readonly published: IHistoryEntry[],
    private next: string | null
  ) {}

  /**
   * Loads the first workspace page and the published versions; with `from`, a cursor of the same
   * notebook, its published versions are kept instead of listed again (after a save, only the
   * workspace changed).
   */
  static async open(
    source: IHistorySource,
    path: string,
    pageSize = HISTORY_PAGE,
    from?: HistoryCursor
  ): Promise<HistoryCursor> {
    const kept = from?.path === path ? from.published : null;
    const [workspace, published] = await Promise.all([
      source.listVersionsPage(path, 'workspace', null, pageSize),
      kept ?? source.listVersions(path, 'published').then(list => list.versions.map(tag('published')))
    ]);
    return new HistoryCursor(source, path, workspace.versions.map(tag('workspace')), published, workspace.next ?? null);
  }

  /**
   * This history with `entry`, a version S3 has just stored, first and latest: shown at once, until a
   * listing confirms it.
   */
  withStored(entry: VersionEntry): HistoryCursor {
    if (this.workspace.some(v => v.versionId === entry.versionId)) {
      return this;
    }
    const workspace = [
      { ...entry, scope: 'workspace' as const },
      ...this.workspace.map(v => ({ ...v, isLatest: false }))
    ];
    return new HistoryCursor(this.source, this.path, workspace, this.published, this.next);
  }

  get hasMore(): boolean {
    return this.next !== null;
  }

  get entries(): IHistoryEntry[] {
    return mergeHistory(this.workspace, this.published, !this.hasMore);
  }

  /** Loads the next workspace page; does nothing at the end. */
  async loadMore(pageSize = HISTORY_PAGE): Promise<void> {
    if (this.next === null) {
      return;
    }
    const page = await this.source.listVersionsPage(this.path, 'workspace', this.next, pageSize);
    this.workspace = [...this.workspace, ...page.versions.map(tag('workspace'))];
    this.next = page.next ?? null;
  }
}
