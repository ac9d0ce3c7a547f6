import { MemoryPendingStore } from '../pending';
import { ArchiveQueue, IQueueItem, IQueueOptions, defaultRetryDelay } from '../queue';

/** An upload that the test resolves or rejects by hand, to control timing exactly. */
function controlledUploads() {
  const calls: { item: IQueueItem; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const upload = (item: IQueueItem) => new Promise<string>((resolve, reject) => calls.push({ item, resolve, reject }));
  return { calls, upload };
}

const flush = () => new Promise(resolve => setImmediate(resolve));
// The queue passes each save's Blob through untouched; the test remembers what each Blob holds.
const held = new WeakMap<Blob, string>();
const bytes = (text: string) => {
  const body = new Blob([text]);
  held.set(body, text);
  return body;
};
const text = (item: { body: Blob }) => held.get(item.body) ?? `<unknown Blob of ${item.body.size} bytes>`;
/** Timers the test fires by hand. */
function manualTimers() {
  const fired: (() => void)[] = [];
  const delays: number[] = [];
  return {
    fired,
    delays,
    setTimer: (cb: () => void, ms: number) => {
      delays.push(ms);
      fired.push(cb);
      return fired.length;
    },
    clearTimer: () => undefined
  };
}

describe('ArchiveQueue', () => {
  it('uploads every save of a notebook one at a time, in save order, skipping none', async () => {
    const { calls, upload } = controlledUploads();
    const stored: string[] = [];
    const queue = new ArchiveQueue({ upload, onStored: item => stored.push(text(item)) });
    await queue.enqueue('a.ipynb', bytes('1'));
    await queue.enqueue('a.ipynb', bytes('2'));
    await queue.enqueue('a.ipynb', bytes('3'));
    await flush();
    expect(calls).toHaveLength(1);
    expect(queue.state).toMatchObject({ pending: 3, uploading: 1, failed: 0 });
    for (let i = 0; i < 3; i++) {
      calls[i].resolve('v' + i);
      await flush();
    }
    expect(calls.map(c => text(c.item))).toEqual(['1', '2', '3']);
    expect(stored).toEqual(['1', '2', '3']);
    expect(queue.state).toMatchObject({ pending: 0, uploading: 0 });
  });

  it('sends a save only once its turn has come (a collaborator with an older save goes first)', async () => {
    const { calls, upload } = controlledUploads();
    let open: () => void = () => undefined;
    const gate = new Promise<void>(resolve => (open = resolve));
    const asked: string[] = [];
    const turn = (item: IQueueItem) => {
      asked.push(text(item));
      return gate;
    };
    const queue = new ArchiveQueue({ upload, turn });
    await queue.enqueue('a.ipynb', bytes('1'));
    await flush();
    expect(asked).toEqual(['1']);
    expect(calls).toHaveLength(0);
    open();
    await flush();
    expect(calls.map(c => text(c.item))).toEqual(['1']);
  });

  it('counts a save as waiting while its file is still being read, and keeps save order when reads finish out of order', async () => {
    const { calls, upload } = controlledUploads();
    const queue = new ArchiveQueue({ upload });
    const reads: ((body: Blob) => void)[] = [];
    const reading = () => new Promise<Blob>(resolve => reads.push(resolve));
    const first = queue.enqueue('a.ipynb', bytes('1'));
    const second = queue.enqueue('a.ipynb', reading());
    const third = queue.enqueue('a.ipynb', reading());
    expect(queue.state.pending).toBe(3);
    await first;
    reads[1](bytes('3'));
    await third;
    reads[0](bytes('2'));
    await second;
    for (let i = 0; i < 3; i++) {
      await flush();
      calls[i].resolve('v' + i);
    }
    await flush();
    expect(calls.map(c => text(c.item))).toEqual(['1', '2', '3']);
    expect(queue.state.pending).toBe(0);
  });

  it('forgets a save whose file could not be read, and says so to the caller', async () => {
    const { upload } = controlledUploads();
    const states: number[] = [];
    const queue = new ArchiveQueue({ upload, onChange: state => states.push(state.pending) });
    await expect(queue.enqueue('a.ipynb', Promise.reject(new Error('gone')))).rejects.toThrow('gone');
    expect(states).toEqual([1, 0]);
    expect(queue.state.pending).toBe(0);
  });

  it('uploads while the save is still being written to the durable store, reports it stored at once, and removes it only once written', async () => {
    const { calls, upload } = controlledUploads();
    const store = new MemoryPendingStore();
    const writes: (() => void)[] = [];
    const add = store.add.bind(store);
    store.add = record => new Promise<void>(resolve => writes.push(() => void add(record).then(resolve)));
    const stored: string[] = [];
    const queue = new ArchiveQueue({ upload, store, onStored: item => stored.push(text(item)) });
    await queue.enqueue('a.ipynb', bytes('1'));
    await flush();
    expect(calls).toHaveLength(1);
    calls[0].resolve('v1');
    await flush();
    // Reported as stored at once (the history panel lists it), still pending until it left the store.
    expect(stored).toEqual(['1']);
    expect(queue.state.pending).toBe(1);
    writes[0]();
    await flush();
    expect(queue.state.pending).toBe(0);
    expect(await store.load()).toEqual([]);
  });

  it('runs different notebooks in parallel', async () => {
    const { calls, upload } = controlledUploads();
    const queue = new ArchiveQueue({ upload });
    await queue.enqueue('a.ipynb', bytes('a'));
    await queue.enqueue('b.ipynb', bytes('b'));
    await flush();
    expect(calls.map(c => c.item.path)).toEqual(['a.ipynb', 'b.ipynb']);
    expect(queue.state.uploading).toBe(2);
  });

  describe('a rename', () => {
    // As the extension queues it: under the new name, the old name as its body, waiting for the old name's saves.
    const renameQueue = (options: Partial<IQueueOptions<string>> = {}) => {
      const { calls, upload } = controlledUploads();
      const after = async (item: IQueueItem) => (item.kind === 'rename' ? text(item) : null);
      return { calls, queue: new ArchiveQueue({ upload, after, ...options }) };
    };
    const sent = (calls: { item: IQueueItem }[]) => calls.map(c => `${c.item.kind ?? 'archive'} ${c.item.path}`);

    it('is recorded only once the saves made under the old name, even one still being read, are stored', async () => {
      const { calls, queue } = renameQueue();
      await queue.enqueue('draft.ipynb', bytes('1'));
      let read: (body: Blob) => void = () => undefined;
      const second = queue.enqueue('draft.ipynb', new Promise<Blob>(resolve => (read = resolve)));
      await queue.enqueue('analysis.ipynb', bytes('draft.ipynb'), 'rename');
      await queue.enqueue('analysis.ipynb', bytes('3'));
      await flush();
      expect(sent(calls)).toEqual(['archive draft.ipynb']);

      calls[0].resolve('v1');
      await flush();
      expect(sent(calls)).toEqual(['archive draft.ipynb']);
      read(bytes('2'));
      await second;
      await flush();
      calls[1].resolve('v2');
      await flush();
      expect(sent(calls)).toEqual(['archive draft.ipynb', 'archive draft.ipynb', 'rename analysis.ipynb']);
      calls[2].resolve('');
      await flush();
      expect(sent(calls).slice(3)).toEqual(['archive analysis.ipynb']);
    });

    it('does not wait for saves of the old name made after it', async () => {
      const { calls, queue } = renameQueue();
      await queue.enqueue('analysis.ipynb', bytes('draft.ipynb'), 'rename');
      await queue.enqueue('draft.ipynb', bytes('a new notebook under the old name'));
      await flush();
      expect(sent(calls)).toEqual(['rename analysis.ipynb', 'archive draft.ipynb']);
    });

    it('waits while the old name cannot be archived (S3 down), kept with that error, and goes after it', async () => {
      const timers = manualTimers();
      const { calls, queue } = renameQueue({ describe: e => (e as Error).message, ...timers });
      await queue.enqueue('draft.ipynb', bytes('1'));
      await queue.enqueue('analysis.ipynb', bytes('draft.ipynb'), 'rename');
      await flush();
      calls[0].reject(new Error('S3 is down'));
      await flush();
      expect(sent(calls)).toEqual(['archive draft.ipynb']);
      expect(queue.state).toMatchObject({ pending: 2, uploading: 0, failed: 2, lastError: 'S3 is down' });

      timers.fired.splice(0).forEach(fire => fire());
      await flush();
      calls[1].resolve('v1');
      await flush();
      expect(sent(calls)).toEqual(['archive draft.ipynb', 'archive draft.ipynb', 'rename analysis.ipynb']);
    });
  });

  it('keeps a failed upload at the head of its lane and retries it before later saves', async () => {
    const { calls, upload } = controlledUploads();
    const timers = manualTimers();
    const failures: string[] = [];
    const queue = new ArchiveQueue({
      upload,
      describe: e => (e as Error).message,
      onFailed: item => failures.push(item.lastError ?? ''),
      ...timers
    });
    await queue.enqueue('a.ipynb', bytes('1'));
    await queue.enqueue('a.ipynb', bytes('2'));
    await flush();
    calls[0].reject(new Error('S3 is down'));
    await flush();
    expect(queue.state).toMatchObject({ pending: 2, uploading: 0, failed: 1, lastError: 'S3 is down' });
    expect(failures).toEqual(['S3 is down']);
    expect(calls).toHaveLength(1);

    timers.fired.shift()!();
    await flush();
    expect(calls).toHaveLength(2);
    expect(text(calls[1].item)).toBe('1');
    calls[1].reject(new Error('still down'));
    await flush();
    expect(timers.delays).toEqual([defaultRetryDelay(1), defaultRetryDelay(2)]);

    timers.fired.shift()!();
    await flush();
    calls[2].resolve('ok');
    await flush();
    calls[3].resolve('ok');
    await flush();
    expect(calls.map(c => text(c.item))).toEqual(['1', '1', '1', '2']);
    expect(queue.state).toMatchObject({ pending: 0, failed: 0, lastError: null });
  });

  it('retryNow retries waiting lanes at once', async () => {
    const { calls, upload } = controlledUploads();
    const cleared: unknown[] = [];
    const queue = new ArchiveQueue({ upload, setTimer: () => 'timer-1', clearTimer: handle => cleared.push(handle) });
    await queue.enqueue('a.ipynb', bytes('1'));
    await flush();
    calls[0].reject(new Error('wrong credentials'));
    await flush();
    queue.retryNow();
    await flush();
    expect(cleared).toEqual(['timer-1']);
    expect(calls).toHaveLength(2);
    expect(calls[1].item.attempts).toBe(2);
  });

  it('keeps waiting saves in the store, so a reloaded page uploads them in order', async () => {
    const store = new MemoryPendingStore();
    const first = controlledUploads();
    const before = new ArchiveQueue({ upload: first.upload, store, ...manualTimers() });
    await before.enqueue('a.ipynb', bytes('1'));
    await before.enqueue('a.ipynb', bytes('2'));
    await before.enqueue('b.ipynb', bytes('b'));
    await flush();
    first.calls.forEach(c => c.reject(new Error('offline')));
    await flush();
    before.dispose(); // the page goes away

    expect((await store.load()).map(text)).toEqual(['1', '2', 'b']);
    const after = controlledUploads();
    const reloaded = new ArchiveQueue({ upload: after.upload, store });
    expect(await reloaded.restore()).toBe(3);
    expect(await reloaded.restore()).toBe(0);
    await flush();
    for (let i = 0; i < 3; i++) {
      after.calls[i].resolve('ok');
      await flush();
    }
    expect(after.calls.map(c => `${c.item.path}:${text(c.item)}`)).toEqual(['a.ipynb:1', 'b.ipynb:b', 'a.ipynb:2']);
    expect(await store.load()).toEqual([]);
  });

  it('never uploads a save twice when two tabs restore it', async () => {
    const store = new MemoryPendingStore();
    await new ArchiveQueue({ upload: async () => 'x', store, exclusive: () => new Promise(() => undefined) }).enqueue(
      'a.ipynb',
      bytes('1')
    );
    // One lock for both tabs, as the Web Locks API gives.
    let chain: Promise<unknown> = Promise.resolve();
    const exclusive = <T>(_path: string, task: () => Promise<T>): Promise<T> => {
      const run = chain.then(task);
      chain = run.catch(() => undefined);
      return run;
    };
    const uploads: string[] = [];
    const tab = (name: string) => new ArchiveQueue({ store, exclusive, upload: async () => uploads.push(name) });
    const [a, b] = [tab('a'), tab('b')];
    await Promise.all([a.restore(), b.restore()]);
    await flush();
    await flush();
    expect(uploads).toHaveLength(1);
    expect(a.state.pending + b.state.pending).toBe(0);
  });

  it("sends two tabs' saves of one notebook in the order they were made", async () => {
    const store = new MemoryPendingStore();
    let chain: Promise<unknown> = Promise.resolve();
    const exclusive = <T>(_path: string, task: () => Promise<T>): Promise<T> => {
      const run = chain.then(task);
      chain = run.catch(() => undefined);
      return run;
    };
    let down = true;
    const sent: string[] = [];
    const upload = async (item: IQueueItem) => {
      if (down) {
        throw new Error('S3 is down');
      }
      sent.push(text(item));
    };
    const tab = () => new ArchiveQueue({ store, exclusive, upload, ...manualTimers() });
    const [a, b] = [tab(), tab()];
    let now = 1000;
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => now++);
    await a.enqueue('n.ipynb', bytes('A1'));
    await b.enqueue('n.ipynb', bytes('B1'));
    await a.enqueue('n.ipynb', bytes('A2'));
    clock.mockRestore();
    await flush();
    await flush();
    expect(sent).toEqual([]);

    down = false;
    a.retryNow();
    for (let i = 0; i < 6; i++) {
      await flush();
    }
    b.retryNow();
    for (let i = 0; i < 4; i++) {
      await flush();
    }
    expect(sent).toEqual(['A1', 'B1', 'A2']);
    expect(await store.load()).toEqual([]);
    expect(a.state.pending + b.state.pending).toBe(0);
  });

  it('discards a failing save only when asked, and moves on to the next', async () => {
    const store = new MemoryPendingStore();
    const { calls, upload } = controlledUploads();
    const queue = new ArchiveQueue({ upload, store, ...manualTimers() });
    const bad = await queue.enqueue('a.ipynb', bytes('bad'));
    await queue.enqueue('a.ipynb', bytes('good'));
    await flush();
    expect(await queue.discard(bad.id)).toBe(false); // uploading
    calls[0].reject(new Error('refused'));
    await flush();
    expect(await queue.discard(bad.id)).toBe(true);
    await flush();
    expect(text(calls[1].item)).toBe('good');
    expect((await store.load()).map(text)).toEqual(['good']);
  });

  it('retry delays grow and are capped at a minute', () => {
    expect([1, 2, 3, 10, 40].map(defaultRetryDelay)).toEqual([2000, 4000, 8000, 60000, 60000]);
  });
  it('keeps a publish that failed, in order after the saves, and reports its first attempt to the waiter', async () => {
    const { calls, upload } = controlledUploads();
    const timers = manualTimers();
    const store = new MemoryPendingStore();
    const stored: [string, boolean][] = [];
    const failed: boolean[] = [];
    const queue = new ArchiveQueue({
      upload,
      store,
      onStored: (item, _result, awaited) => stored.push([`${item.kind}:${text(item)}`, awaited]),
      onFailed: (_item, _error, awaited) => failed.push(awaited),
      ...timers
    });
    await queue.enqueue('a.ipynb', bytes('save'));
    const published = queue.enqueueAndWait('a.ipynb', bytes('save'), 'publish');
    await flush();
    calls[0].resolve('v1');
    await flush();
    expect(calls.map(c => c.item.kind)).toEqual(['archive', 'publish']);

    calls[1].reject(new Error('S3 is down'));
    await expect(published).rejects.toThrow('S3 is down');
    expect(failed).toEqual([true]);
    // Kept durably, as a publish: a reload would find it.
    expect((await store.load()).map(r => r.kind)).toEqual(['publish']);

    timers.fired.shift()!();
    await flush();
    calls[2].resolve('p1');
    await flush();
    expect(stored).toEqual([
      ['archive:save', false],
      ['publish:save', false]
    ]);
    expect(await store.load()).toEqual([]);
  });

  it('settles a publish at once, kept, when saves of its notebook wait to be retried (S3 down)', async () => {
    const { calls, upload } = controlledUploads();
    const timers = manualTimers();
    const store = new MemoryPendingStore();
    const queue = new ArchiveQueue({ upload, store, ...timers });
    await queue.enqueue('a.ipynb', bytes('save'));
    await flush();
    calls[0].reject(new Error('S3 is down'));
    await flush();
    // Without this, the publish would wait for S3 to come back: the save ahead of it never succeeds.
    const published = queue.enqueueAndWait('a.ipynb', bytes('save'), 'publish');
    await expect(published).rejects.toThrow('S3 is down');
    expect(calls).toHaveLength(1);
    expect((await store.load()).map(r => r.kind)).toEqual(['archive', 'publish']);
    // Queued while the save ahead is being sent: it settles when that fails.
    timers.fired.shift()!();
    await flush();
    const again = queue.enqueueAndWait('a.ipynb', bytes('save'), 'publish');
    await flush();
    calls[1].reject(new Error('still down'));
    await expect(again).rejects.toThrow('still down');
    expect((await store.load()).map(r => r.kind)).toEqual(['archive', 'publish', 'publish']);
    // Other notebooks' lanes do not hold it back.
    const other = queue.enqueueAndWait('b.ipynb', bytes('other'), 'publish');
    await flush();
    calls[2].resolve('b1');
    await expect(other).resolves.toBe('b1');
    // S3 back: the save, then the publishes.
    timers.fired.shift()!();
    await flush();
    for (const call of [3, 4, 5]) {
      calls[call].resolve(`r${call}`);
      await flush();
    }
    expect(calls.map(c => `${c.item.kind}:${text(c.item)}`)).toEqual([
      'archive:save',
      'archive:save',
      'publish:other',
      'archive:save',
      'publish:save',
      'publish:save'
    ]);
    expect(await store.load()).toEqual([]);
  });

  it('gives the waiter the result of a publish that succeeds at once', async () => {
    const { calls, upload } = controlledUploads();
    const queue = new ArchiveQueue({ upload });
    const published = queue.enqueueAndWait('a.ipynb', bytes('x'), 'publish');
    await flush();
    calls[0].resolve('version-1');
    await expect(published).resolves.toBe('version-1');
    expect(queue.state.pending).toBe(0);
  });

  it('tells the waiter when the user discards a publish before it was tried', async () => {
    const { calls, upload } = controlledUploads();
    const queue = new ArchiveQueue({ upload });
    await queue.enqueue('a.ipynb', bytes('save'));
    const published = queue.enqueueAndWait('a.ipynb', bytes('save'), 'publish');
    await flush();
    const waiting = queue.pendingItems('a.ipynb')[1];
    expect(await queue.discard(waiting.id)).toBe(true);
    await expect(published).rejects.toThrow('Discarded');
    calls[0].resolve('v1');
    await flush();
    expect(calls).toHaveLength(1);
  });
});
