/**
 * A notebook's history as the panel shows it: workspace versions, loaded a page at a time, merged with
 * its published versions (a short list, loaded whole), newest first. A renamed notebook's workspace
 * history goes on with the versions saved under its earlier names, each up to its rename. No JupyterLab
 * imports, so it is unit-tested directly.
 */
import type { Rename, Restore, Run, Scope, VersionEntry, VersionList, VersionName } from '../wasm/bookstore';

/** One row of the history panel. */
export interface IHistoryEntry extends VersionEntry {
  scope: Scope;
  /** The path the version is stored under: the notebook's, or an earlier name of it. */
  path: string;
  /** The version whose content this one brought back, when it was stored by a restore. */
  restoredFrom?: string;
  /** When a scheduled run (papermill) wrote it: the notebook it ran, `s3://bucket/key?versionId=…`. */
  ranFrom?: string;
  /** Its name ("sent to reviewers"), when it was given one. */
  name?: string;
}

/** The workspace versions of one name of the notebook: all of them, or those up to its rename. */
interface IStream {
  path: string;
  until: string | null;
}

/** What S3 holds beside the versions: the notebook's names (its own first), its restores and runs. */
interface IRecords {
  streams: IStream[];
  /** Version id → the version id it restored. */
  restoredFrom: Map<string, string>;
  /** Version id → the notebook the scheduled run that wrote it ran. */
  ranFrom: Map<string, string>;
  /** Version id → its name. */
  names: Map<string, string>;
}

/** What the cursor needs from the backend. */
export interface IHistorySource {
  listVersionsPage(path: string, scope: Scope, after?: string | null, maxKeys?: number | null): Promise<VersionList>;
  listVersions(path: string, scope: Scope): Promise<VersionList>;
  renames(path: string): Promise<Rename[]>;
  restores(path: string): Promise<Restore[]>;
  runs(path: string): Promise<Run[]>;
  names(path: string): Promise<VersionName[]>;
}

async function readRecords(source: IHistorySource, path: string): Promise<IRecords> {
  const [renames, restores, runs] = await Promise.all([source.renames(path), source.restores(path), source.runs(path)]);
  const streams = [{ path, until: null }, ...renames.map(r => ({ path: r.from, until: r.at }))];
  // A version is named under the path it is stored at: the notebook's, or an earlier name of it.
  const names = (await Promise.all(streams.map(stream => source.names(stream.path)))).flat();
  return {
    streams,
    restoredFrom: new Map(restores.map(r => [r.versionId, r.fromVersionId])),
    ranFrom: new Map(runs.map(r => [r.versionId, r.source])),
    names: new Map(names.map(n => [n.versionId, n.name]))
  };
}

/** Workspace versions fetched per page. */
export const HISTORY_PAGE = 200;

const tag =
  (scope: Scope, path: string) =>
  (v: VersionEntry): IHistoryEntry => ({ ...v, scope, path });

/** A stream's versions as rows: an earlier name's are cut at its rename, and none of them is the latest. */
function rows(stream: IStream, versions: VersionEntry[]): IHistoryEntry[] {
  if (stream.until === null) {
    return versions.map(tag('workspace', stream.path));
  }
  const until = stream.until;
  return versions
    .filter(v => v.lastModified <= until)
    .map(v => ({ ...v, isLatest: false, scope: 'workspace' as const, path: stream.path }));
}

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
  /** `index` is the stream (name) being paged through, and `next` its next page. */
  private constructor(
    private readonly source: IHistorySource,
    readonly path: string,
    private workspace: IHistoryEntry[],
    private readonly published: IHistoryEntry[],
    private readonly records: IRecords,
    private index: number,
    private next: string | null,
    /** Versions S3 said it stored that no listing has shown yet, newest first. */
    private readonly unconfirmed: VersionEntry[] = []
  ) {}

  /**
   * Loads the first workspace page and the published versions. With `from`, a cursor of the same
   * notebook: the versions it was told were stored stay until a listing shows them (a listing sent just
   * after a PUT may not show it yet where a server's listings lag its writes); and, unless
   * `changed` is 'records' (a rename or restore was recorded), its published versions and records are
   * kept instead of read again (after a save, only the workspace changed).
   */
  static async open(
    source: IHistorySource,
    path: string,
    pageSize = HISTORY_PAGE,
    from?: HistoryCursor,
    changed: 'workspace' | 'records' = 'workspace'
  ): Promise<HistoryCursor> {
    const same = from?.path === path ? from : null;
    const kept = changed === 'workspace' ? same : null;
    const [workspace, published, records] = await Promise.all([
      source.listVersionsPage(path, 'workspace', null, pageSize),
      kept?.published ?? source.listVersions(path, 'published').then(list => list.versions.map(tag('published', path))),
      kept?.records ?? readRecords(source, path)
    ]);
    const own = rows(records.streams[0], workspace.versions);
    const listed = new HistoryCursor(source, path, own, published, records, 0, workspace.next ?? null);
    return (same?.unconfirmed ?? []).reduceRight((cursor, entry) => cursor.withStored(entry), listed);
  }

  /**
   * This history with `entry`, a version S3 has just stored, first and latest: shown at once, and kept
   * until a listing shows it.
   */
  withStored(entry: VersionEntry): HistoryCursor {
    if (this.workspace.some(v => v.versionId === entry.versionId)) {
      return this;
    }
    const workspace = [
      { ...entry, scope: 'workspace' as const, path: this.path },
      ...this.workspace.map(v => ({ ...v, isLatest: false }))
    ];
    const unconfirmed = [entry, ...this.unconfirmed];
    const { source, path, published, records, index, next } = this;
    return new HistoryCursor(source, path, workspace, published, records, index, next, unconfirmed);
  }

  get hasMore(): boolean {
    return this.next !== null || this.index + 1 < this.records.streams.length;
  }

  get entries(): IHistoryEntry[] {
    const { restoredFrom, ranFrom, names } = this.records;
    return mergeHistory(this.workspace, this.published, !this.hasMore).map(entry => {
      const id = entry.versionId;
      const marks = { restoredFrom: restoredFrom.get(id), ranFrom: ranFrom.get(id), name: names.get(id) };
      return marks.restoredFrom || marks.ranFrom || marks.name ? { ...entry, ...marks } : entry;
    });
  }

  /** Loads the next workspace page, of the next earlier name once one is through; nothing at the end. */
  async loadMore(pageSize = HISTORY_PAGE): Promise<void> {
    if (!this.hasMore) {
      return;
    }
    const index = this.next === null ? this.index + 1 : this.index;
    const stream = this.records.streams[index];
    const page = await this.source.listVersionsPage(stream.path, 'workspace', this.next, pageSize);
    this.workspace = [...this.workspace, ...rows(stream, page.versions)];
    [this.index, this.next] = [index, page.next ?? null];
  }
}
