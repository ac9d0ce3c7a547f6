import { ArchiveQueue, IQueueItem, defaultRetryDelay } from '../queue';

/** An upload that the test resolves or rejects by hand, to control timing exactly. */
function controlledUploads() {
  const calls: { item: IQueueItem; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const upload = (item: IQueueItem) =>
    new Promise<string>((resolve, reject) => calls.push({ item, resolve, reject }));
  return { calls, upload };
}

const flush = () => new Promise(resolve => setImmediate(resolve));
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (item: IQueueItem) => new TextDecoder().decode(item.bytes);

describe('ArchiveQueue', () => {
  it('uploads every save of a notebook one at a time, in save order, skipping none', async () => {
    const { calls, upload } = controlledUploads();
    const stored: string[] = [];
    const queue = new ArchiveQueue({ upload, onStored: item => stored.push(text(item)) });
    queue.enqueue('a.ipynb', bytes('1'));
    queue.enqueue('a.ipynb', bytes('2'));
    queue.enqueue('a.ipynb', bytes('3'));
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

  it('runs different notebooks in parallel', () => {
    const { calls, upload } = controlledUploads();
    const queue = new ArchiveQueue({ upload });
    queue.enqueue('a.ipynb', bytes('a'));
    queue.enqueue('b.ipynb', bytes('b'));
    expect(calls.map(c => c.item.path)).toEqual(['a.ipynb', 'b.ipynb']);
    expect(queue.state.uploading).toBe(2);
  });

  it('keeps a failed upload at the head of its lane and retries it before later saves', async () => {
    const { calls, upload } = controlledUploads();
    const timers: (() => void)[] = [];
    const delays: number[] = [];
    const failures: string[] = [];
    const queue = new ArchiveQueue({
      upload,
      describe: e => (e as Error).message,
      onFailed: item => failures.push(item.lastError ?? ''),
      setTimer: (cb, ms) => {
        delays.push(ms);
        timers.push(cb);
        return timers.length;
      },
      clearTimer: () => undefined
    });
    queue.enqueue('a.ipynb', bytes('1'));
    queue.enqueue('a.ipynb', bytes('2'));
    calls[0].reject(new Error('S3 is down'));
    await flush();
    expect(queue.state).toMatchObject({ pending: 2, uploading: 0, failed: 1, lastError: 'S3 is down' });
    expect(failures).toEqual(['S3 is down']);
    expect(calls).toHaveLength(1);

    timers.shift()!();
    expect(calls).toHaveLength(2);
    expect(text(calls[1].item)).toBe('1');
    calls[1].reject(new Error('still down'));
    await flush();
    expect(delays).toEqual([defaultRetryDelay(1), defaultRetryDelay(2)]);

    timers.shift()!();
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
    const queue = new ArchiveQueue({
      upload,
      setTimer: () => 'timer-1',
      clearTimer: handle => cleared.push(handle)
    });
    queue.enqueue('a.ipynb', bytes('1'));
    calls[0].reject(new Error('wrong credentials'));
    await flush();
    queue.retryNow();
    expect(cleared).toEqual(['timer-1']);
    expect(calls).toHaveLength(2);
    expect(calls[1].item.attempts).toBe(2);
  });

  it('retry delays grow and are capped at a minute', () => {
    expect([1, 2, 3, 10, 40].map(defaultRetryDelay)).toEqual([2000, 4000, 8000, 60000, 60000]);
  });
});
