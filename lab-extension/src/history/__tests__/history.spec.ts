import { HistoryCursor, IHistorySource, mergeHistory } from '../history';
import type { Rename, Scope, VersionEntry, VersionList } from '../../wasm/bookstore';

const at = (minute: number) => `2026-11-27T10:${String(minute).padStart(2, '0')}:00.000Z`;
const version = (id: string, minute: number, isLatest = false): VersionEntry => ({
  versionId: id,
  lastModified: at(minute),
  size: 10,
  etag: 'e',
  isLatest,
  isDeleteMarker: false
});

/** A fake S3 history with `count` workspace versions (one a minute, newest first) and given published ones. */
function source(count: number, published: VersionEntry[]): IHistorySource & { calls: string[] } {
  const workspace = Array.from({ length: count }, (_, i) => version(`w${count - 1 - i}`, count - 1 - i, i === 0));
  const calls: string[] = [];
  const list = (scope: Scope, versions: VersionEntry[], next?: string): VersionList => ({
    bucket: 'b',
    key: `${scope}/a`,
    versions,
    next
  });
  return {
    calls,
    async renames() {
      return [];
    },
    async restores() {
      return [];
    },
    async runs() {
      return [];
    },
    async names() {
      return [];
    },
    async listVersions(_path, scope) {
      calls.push(`all ${scope}`);
      return list(scope, scope === 'published' ? published : workspace);
    },
    async listVersionsPage(_path, scope, after, maxKeys) {
      calls.push(`page ${scope} after=${after ?? '-'}`);
      const start = after ? workspace.findIndex(v => v.versionId === after) + 1 : 0;
      const end = start + (maxKeys ?? 1000);
      return list(
        scope,
        workspace.slice(start, end),
        end < workspace.length ? workspace[end - 1].versionId : undefined
      );
    }
  };
}

describe('history', () => {
  it('goes on with the versions saved under earlier names, each up to its rename', async () => {
    const histories: Record<string, VersionEntry[]> = {
      'final.ipynb': [version('f30', 30, true), version('f25', 25)],
      'draft.ipynb': [version('d20', 20, true), version('d12', 12)],
      // A name used again later: only its versions up to the rename belong to this notebook.
      'Untitled.ipynb': [version('u40', 40, true), version('u8', 8), version('u5', 5)]
    };
    const renames: Record<string, Rename[]> = {
      'final.ipynb': [
        { from: 'draft.ipynb', at: at(22) },
        { from: 'Untitled.ipynb', at: at(10) }
      ]
    };
    const list = (path: string, versions: VersionEntry[]): VersionList => ({ bucket: 'b', key: path, versions });
    const s: IHistorySource = {
      listVersions: async (path, scope) => list(path, scope === 'published' ? [] : histories[path]),
      listVersionsPage: async (path, _scope, after) => list(path, after ? [] : histories[path]),
      renames: async path => renames[path] ?? [],
      restores: async () => [{ versionId: 'f25', fromVersionId: 'd12' }],
      runs: async () => [{ versionId: 'f30', source: 's3://b/published/report.ipynb?versionId=p1' }],
      // Names are recorded where each version is stored: under the notebook's path, or an earlier one.
      names: async path => (path === 'draft.ipynb' ? [{ versionId: 'd12', name: 'sent to reviewers' }] : [])
    };
    const cursor = await HistoryCursor.open(s, 'final.ipynb', 10);
    expect(cursor.entries.map(e => e.versionId)).toEqual(['f30', 'f25']);
    expect(cursor.hasMore).toBe(true);
    await cursor.loadMore(10);
    await cursor.loadMore(10);
    expect(cursor.hasMore).toBe(false);
    expect(cursor.entries.map(e => `${e.path}:${e.versionId}`)).toEqual([
      'final.ipynb:f30',
      'final.ipynb:f25',
      'draft.ipynb:d20',
      'draft.ipynb:d12',
      'Untitled.ipynb:u8',
      'Untitled.ipynb:u5'
    ]);
    expect(cursor.entries.filter(e => e.isLatest).map(e => e.versionId)).toEqual(['f30']);
    // A restore recorded beside the versions marks the version it stored.
    expect(cursor.entries.filter(e => e.restoredFrom).map(e => [e.versionId, e.restoredFrom])).toEqual([
      ['f25', 'd12']
    ]);
    // So does a scheduled run, with the notebook it ran.
    expect(cursor.entries.filter(e => e.ranFrom).map(e => [e.versionId, e.ranFrom])).toEqual([
      ['f30', 's3://b/published/report.ipynb?versionId=p1']
    ]);
    expect(cursor.entries.filter(e => e.name).map(e => [e.versionId, e.name])).toEqual([['d12', 'sent to reviewers']]);
  });

  it('loads workspace versions page by page, newest first, until complete', async () => {
    const s = source(25, []);
    const cursor = await HistoryCursor.open(s, 'a.ipynb', 10);
    expect(cursor.entries.map(e => e.versionId).slice(0, 3)).toEqual(['w24', 'w23', 'w22']);
    expect(cursor.entries).toHaveLength(10);
    expect(cursor.hasMore).toBe(true);
    await cursor.loadMore(10);
    await cursor.loadMore(10);
    expect(cursor.hasMore).toBe(false);
    expect(cursor.entries.map(e => e.versionId)).toEqual(Array.from({ length: 25 }, (_, i) => `w${24 - i}`));
    await cursor.loadMore(10);
    expect(s.calls).toEqual([
      'page workspace after=-',
      'all published',
      'page workspace after=w15',
      'page workspace after=w5'
    ]);
  });

  it('merges published versions by time, holding back older ones until their page is loaded', async () => {
    const cursor = await HistoryCursor.open(source(25, [version('p20', 20, true), version('p3', 3)]), 'a.ipynb', 10);
    const ids = () => cursor.entries.map(e => `${e.scope[0]}:${e.versionId}`);
    expect(ids().slice(0, 6)).toEqual(['w:w24', 'w:w23', 'w:w22', 'w:w21', 'w:w20', 'p:p20']);
    expect(ids()).not.toContain('p:p3');
    await cursor.loadMore(10);
    await cursor.loadMore(10);
    expect(ids().slice(-6)).toEqual(['w:w4', 'w:w3', 'p:p3', 'w:w2', 'w:w1', 'w:w0']);
    expect(ids()).toHaveLength(27);
  });

  it('after a save lists only the workspace again, keeping the published versions it has', async () => {
    const s = source(3, [version('p1', 1)]);
    const first = await HistoryCursor.open(s, 'a.ipynb', 10);
    const again = await HistoryCursor.open(s, 'a.ipynb', 10, first);
    expect(again.entries.map(e => e.versionId)).toEqual(['w2', 'w1', 'p1', 'w0']);
    const other = await HistoryCursor.open(s, 'b.ipynb', 10, first);
    expect(s.calls).toEqual([
      'page workspace after=-',
      'all published',
      'page workspace after=-',
      'page workspace after=-',
      'all published'
    ]);
    expect(other.path).toBe('b.ipynb');
    // A rename or restore recorded: everything is read again.
    s.calls.length = 0;
    await HistoryCursor.open(s, 'a.ipynb', 10, first, 'records');
    expect(s.calls).toEqual(['page workspace after=-', 'all published']);
  });

  it('shows a version S3 just stored first and as the latest, once, keeping the paging', async () => {
    const s = source(25, [version('p20', 20)]);
    const cursor = await HistoryCursor.open(s, 'a.ipynb', 10);
    const stored = { ...version('new', 30, true) };
    const shown = cursor.withStored(stored);
    expect(shown.entries.map(e => e.versionId).slice(0, 3)).toEqual(['new', 'w24', 'w23']);
    expect(shown.entries.filter(e => e.isLatest).map(e => e.versionId)).toEqual(['new']);
    expect(shown.withStored(stored)).toBe(shown);
    expect(cursor.entries[0].isLatest).toBe(true);
    await shown.loadMore(10);
    expect(shown.entries.map(e => e.versionId)).toContain('w14');
  });

  it('keeps a version S3 just stored while listings do not show it yet, and drops the mark once one does', async () => {
    const s = source(3, []);
    const stored = version('new', 30, true);
    const shown = (await HistoryCursor.open(s, 'a.ipynb', 10)).withStored(stored);
    // The listing that follows the PUT does not have it yet (RGW's index lags): it stays, first and latest.
    const lagging = await HistoryCursor.open(s, 'a.ipynb', 10, shown);
    expect(lagging.entries.map(e => e.versionId)).toEqual(['new', 'w2', 'w1', 'w0']);
    expect(lagging.entries.filter(e => e.isLatest).map(e => e.versionId)).toEqual(['new']);
    expect((await HistoryCursor.open(s, 'b.ipynb', 10, lagging)).entries.map(e => e.versionId)).toEqual([
      'w2',
      'w1',
      'w0'
    ]);
    // Kept too when a rename or restore recorded makes the history be read again.
    expect((await HistoryCursor.open(s, 'a.ipynb', 10, lagging, 'records')).entries[0].versionId).toBe('new');
    // A later listing has it: shown once, as listed.
    s.listVersionsPage = async () => ({ bucket: 'b', key: 'workspace/a', versions: [stored, version('w2', 2)] });
    const confirmed = await HistoryCursor.open(s, 'a.ipynb', 10, lagging);
    expect(confirmed.entries.map(e => e.versionId)).toEqual(['new', 'w2']);
    // Once listed, it is no longer carried over: a version gone since (expired) goes from the panel too.
    s.listVersionsPage = async () => ({ bucket: 'b', key: 'workspace/a', versions: [version('w2', 2)] });
    expect((await HistoryCursor.open(s, 'a.ipynb', 10, confirmed)).entries.map(e => e.versionId)).toEqual(['w2']);
  });

  it("keeps the server's order of each list even when times disagree", () => {
    const w = [version('latest', 1), version('older', 2)].map(v => ({
      ...v,
      scope: 'workspace' as const,
      path: 'a.ipynb'
    }));
    expect(mergeHistory(w, [], true).map(e => e.versionId)).toEqual(['latest', 'older']);
  });

  it('keeps each list in its own order when times are equal', () => {
    const w = [version('w2', 5), version('w1', 5)].map(v => ({ ...v, scope: 'workspace' as const, path: 'a.ipynb' }));
    const p = [version('p1', 5)].map(v => ({ ...v, scope: 'published' as const, path: 'a.ipynb' }));
    expect(mergeHistory(w, p, true).map(e => e.versionId)).toEqual(['w2', 'w1', 'p1']);
  });
});
