/**
 * The archive queue: every save (and every publish) is uploaded, one at a time per notebook, in order. Each save is
 * written to a durable store first, so a reload or a closed browser loses nothing: `restore` picks the
 * waiting saves up again. A failed upload stays at the head of its notebook's lane and is retried with
 * growing delays (or at once with `retryNow`); only `discard`, which the user asks for, drops one.
 * No JupyterLab imports, so it is unit-tested directly.
 */
import { bySaveOrder, IPendingRecord, IPendingStore, MemoryPendingStore, PendingKind, SaveOrder } from './pending';

export interface IQueueItem extends IPendingRecord {
  attempts: number;
  lastError: string | null;
}

export interface IQueueState {
  /** Saves not yet archived (including the ones uploading). */
  pending: number;
  /** Uploads in flight. */
  uploading: number;
  /** Notebooks whose next upload failed and waits for a retry. */
  failed: number;
  /** The latest failure's message. */
  lastError: string | null;
}

export interface IQueueOptions<R> {
  /** Sends one item; rejects when it was not stored. */
  upload: (item: IQueueItem) => Promise<R>;
  /** Keeps waiting saves across reloads; in memory when not given. */
  store?: IPendingStore;
  /**
   * Runs `task` while no other tab uploads to `path` (the Web Locks API in the browser), so two tabs
   * never send the same save.
   */
  exclusive?: <T>(path: string, task: () => Promise<T>) => Promise<T>;
  /**
   * Resolves when `item` may go: under real-time collaboration, once no collaborator's browser holds an
   * older save of the notebook (so that S3 gets everyone's saves in save order after an outage).
   */
  turn?: (item: IQueueItem) => Promise<void>;
  /**
   * The notebook whose earlier saves must be stored before `item` goes, if any: a rename waits for the
   * saves made under the old name, which its record closes (each is kept in the history up to it).
   */
  after?: (item: IQueueItem) => Promise<string | null>;
  /** Called after each stored item; `awaited` when an `enqueueAndWait` caller gets the result. */
  onStored?: (item: IQueueItem, result: R, awaited: boolean) => void;
  /** Called after each failed attempt; `awaited` when an `enqueueAndWait` caller gets the error. */
  onFailed?: (item: IQueueItem, error: unknown, awaited: boolean) => void;
  /** Called when a save could not be written to the durable store (it is still queued in memory). */
  onPersistFailed?: (error: unknown) => void;
  /** Called whenever `state` changes. */
  onChange?: (state: IQueueState) => void;
  /** Wait before retry number `attempts` (1-based). */
  retryDelay?: (attempts: number) => number;
  /** Error text for the state; must never include secrets (the backend's errors do not). */
  describe?: (error: unknown) => string;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** 2 s, 4 s, 8 s... at most one minute. */
export function defaultRetryDelay(attempts: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.min(attempts, 16));
}

/** What an `enqueueAndWait` caller gets when the user discarded the item before its first attempt. */
export class DiscardedError extends Error {
  constructor() {
    super('Discarded at your request.');
    this.name = 'DiscardedError';
  }
}

/** Marks an item that another tab stored (or the user discarded) while it waited here. */
const GONE = Symbol('gone');

export class ArchiveQueue<R = unknown> {
  constructor(private readonly options: IQueueOptions<R>) {
    this.store = options.store ?? new MemoryPendingStore();
  }

  /**
   * Queues a saved notebook, durably; uploading starts at once unless its lane is busy. `body` may be
   * a promise (the file being read back): the save counts as pending, and takes its place in save
   * order, from this call on.
   */
  async enqueue(path: string, body: Blob | Promise<Blob>, kind: PendingKind = 'archive'): Promise<IQueueItem> {
    const item = await this.keep(path, body, kind);
    this.push(item);
    return item;
  }

  /**
   * Queues like `enqueue` and settles with the first attempt: its result (null if another tab sent
   * it), or its error. A failed item stays queued and is retried like any other. Behind a save of the
   * same notebook that failed (S3 down), it settles with that save's error, at once or when it fails:
   * it is kept, and the caller is not left waiting for S3 to come back.
   */
  async enqueueAndWait(path: string, body: Blob | Promise<Blob>, kind: PendingKind = 'archive'): Promise<R | null> {
    const item = await this.keep(path, body, kind);
    const outcome = new Promise<R | null>((resolve, reject) => this.waiters.set(item.id, { resolve, reject }));
    this.push(item);
    if (this.timers.has(path) && this.laneErrors.has(path)) {
      this.waiters.get(item.id)?.reject(this.laneErrors.get(path));
      this.waiters.delete(item.id);
    }
    return outcome;
  }

  /** Queues the saves left in the durable store by an earlier page; returns how many. */
  async restore(): Promise<number> {
    const known = new Set(this.pendingItems().map(item => item.id));
    const records = (await this.store.load()).filter(record => !known.has(record.id));
    for (const record of records) {
      this.nextSeq = Math.max(this.nextSeq, record.seq + 1);
      this.push({ ...record, attempts: 0, lastError: null });
    }
    return records.length;
  }

  /** Retries every waiting lane now (after the user fixed the settings, say). */
  retryNow(): void {
    for (const [path, handle] of this.timers) {
      (this.options.clearTimer ?? clearTimeout)(handle as ReturnType<typeof setTimeout>);
      this.timers.delete(path);
      this.pump(path);
    }
  }

  /** Drops a waiting save for good, at the user's request; false while it is uploading. */
  async discard(id: string): Promise<boolean> {
    for (const [path, lane] of this.lanes) {
      const index = lane.findIndex(item => item.id === id);
      if (index < 0) {
        continue;
      }
      if (index === 0 && this.active.has(path)) {
        return false;
      }
      lane.splice(index, 1);
      await this.forget(id);
      this.waiters.get(id)?.reject(new DiscardedError());
      this.waiters.delete(id);
      if (index === 0 && this.timers.has(path)) {
        (this.options.clearTimer ?? clearTimeout)(this.timers.get(path) as ReturnType<typeof setTimeout>);
        this.timers.delete(path);
      }
      if (lane.length === 0) {
        this.lanes.delete(path);
      }
      this.changed();
      this.pump(path);
      return true;
    }
    return false;
  }

  /** Items not yet stored, oldest first, per notebook. */
  pendingItems(path?: string): IQueueItem[] {
    const lanes = path === undefined ? [...this.lanes.values()] : [this.lanes.get(path) ?? []];
    return lanes.flat();
  }

  get state(): IQueueState {
    let pending = this.arriving.size;
    for (const lane of this.lanes.values()) {
      pending += lane.length;
    }
    return { pending, uploading: this.active.size, failed: this.timers.size, lastError: this.lastError };
  }

  /** Stops retry timers (the extension is being unloaded); waiting saves stay in the store. */
  dispose(): void {
    for (const handle of this.timers.values()) {
      (this.options.clearTimer ?? clearTimeout)(handle as ReturnType<typeof setTimeout>);
    }
    this.timers.clear();
  }

  private async keep(path: string, pendingBody: Blob | Promise<Blob>, kind: PendingKind): Promise<IQueueItem> {
    const savedAt = Date.now();
    const seq = this.nextSeq++;
    const id = `${savedAt.toString(36)}-${seq}-${Math.random().toString(36).slice(2, 10)}`;
    this.arriving.set(id, { path, savedAt, seq });
    this.changed();
    let body: Blob;
    try {
      body = await pendingBody;
    } catch (error) {
      this.arriving.delete(id);
      this.changed();
      throw error;
    }
    // Written to the durable store while it uploads: the upload does not wait for the disk.
    const persisted = this.store
      .add({ id, path, body, kind, savedAt, seq })
      .catch(error => this.options.onPersistFailed?.(error));
    this.persisting.set(id, persisted);
    void persisted.then(() => this.persisting.delete(id));
    // The caller pushes the item next, without waiting in between, so the count never dips.
    this.arriving.delete(id);
    return { id, path, body, kind, savedAt, seq, attempts: 0, lastError: null };
  }

  /** Removes an item from the durable store, once it is written there. */
  private async forget(id: string): Promise<void> {
    await this.persisting.get(id);
    await this.store.remove(id);
  }

  private push(item: IQueueItem): void {
    const lane = this.lanes.get(item.path) ?? [];
    // Bodies read back out of order still go in save order, behind the one uploading.
    let at = lane.length;
    while (at > (this.active.has(item.path) ? 1 : 0) && bySaveOrder(lane[at - 1], item) > 0) {
      at--;
    }
    lane.splice(at, 0, item);
    this.lanes.set(item.path, lane);
    this.changed();
    this.pump(item.path);
  }

  private pump(path: string): void {
    const lane = this.lanes.get(path);
    if (!lane || lane.length === 0 || this.active.has(path) || this.timers.has(path)) {
      return;
    }
    const item = lane[0];
    this.active.add(path);
    item.attempts++;
    this.changed();
    const exclusive = this.options.exclusive ?? ((_path, task) => task());
    const attempt = async (): Promise<R | typeof GONE> => {
      for (;;) {
        // Another tab may have stored it, or the user discarded it, while it waited (not while this
        // tab is still writing it: no other tab can have seen it yet).
        if (!this.persisting.has(item.id) && !(await this.store.has(item.id).catch(() => true))) {
          return GONE;
        }
        // Saves of this notebook that another tab kept and has not sent yet go first, so that S3
        // gets every tab's saves in the order they were made.
        const oldest = await this.store.oldest(path).catch(() => null);
        if (!oldest || oldest.id === item.id || bySaveOrder(oldest, item) >= 0) {
          break;
        }
        const other: IQueueItem = { ...oldest, attempts: 1, lastError: null };
        const result = await this.options.upload(other);
        this.options.onStored?.(other, result, false);
        await this.store.remove(other.id).catch(() => undefined);
      }
      const after = await this.options.after?.(item);
      if (after) {
        await this.earlierStored(after, item);
      }
      await this.options.turn?.(item);
      const result = await this.options.upload(item);
      // S3 has it: say so at once. It leaves the durable store after, still under the lock, so that
      // no other tab can pick it up and send it again.
      this.options.onStored?.(item, result, this.waiters.has(item.id));
      await this.forget(item.id).catch(() => undefined);
      return result;
    };
    exclusive(path, attempt).then(
      result => {
        if (lane[0] === item) {
          lane.shift();
        }
        if (lane.length === 0) {
          this.lanes.delete(path);
        }
        this.active.delete(path);
        this.laneErrors.delete(path);
        if (this.timers.size === 0) {
          this.lastError = null;
        }
        this.waiters.get(item.id)?.resolve(result === GONE ? null : result);
        this.waiters.delete(item.id);
        this.changed();
        this.pump(path);
      },
      error => {
        this.active.delete(path);
        this.laneErrors.set(path, error);
        item.lastError = (this.options.describe ?? String)(error);
        this.lastError = item.lastError;
        const delay = (this.options.retryDelay ?? defaultRetryDelay)(item.attempts);
        const handle = (this.options.setTimer ?? setTimeout)(() => {
          this.timers.delete(path);
          this.pump(path);
        }, delay);
        this.timers.set(path, handle);
        this.options.onFailed?.(item, error, this.waiters.has(item.id));
        // The items behind it wait as long and are kept too: their callers learn it now, not once S3 is back.
        for (const waiting of lane) {
          this.waiters.get(waiting.id)?.reject(error);
          this.waiters.delete(waiting.id);
        }
        this.changed();
      }
    );
  }

  /**
   * Resolves once no save of `path` made before `item` waits in this tab; while that notebook's uploads
   * fail, rejects with their error (so `item` is retried later, not sent ahead of them).
   */
  private async earlierStored(path: string, item: IQueueItem): Promise<void> {
    const earlier = (other: SaveOrder) => bySaveOrder(other, item) < 0;
    const waiting = () =>
      (this.lanes.get(path) ?? []).some(earlier) ||
      [...this.arriving.values()].some(other => other.path === path && earlier(other));
    while (waiting()) {
      if (this.timers.has(path)) {
        throw this.laneErrors.get(path);
      }
      await new Promise<void>(resolve => this.changeWaiters.push(resolve));
    }
  }

  private changed(): void {
    this.options.onChange?.(this.state);
    this.changeWaiters.splice(0).forEach(resolve => resolve());
  }

  private nextSeq = 1;
  /** Saves announced whose body is still being read, by item id. */
  private readonly arriving = new Map<string, SaveOrder & { path: string }>();
  /** Callers waiting for the next change of state. */
  private readonly changeWaiters: (() => void)[] = [];
  /** Writes to the durable store in flight, by item id. */
  private readonly persisting = new Map<string, Promise<unknown>>();
  private lastError: string | null = null;
  /** The error of each lane whose first item waits to be retried. */
  private readonly laneErrors = new Map<string, unknown>();
  private readonly store: IPendingStore;
  private readonly lanes = new Map<string, IQueueItem[]>();
  private readonly active = new Set<string>();
  private readonly timers = new Map<string, unknown>();
  private readonly waiters = new Map<
    string,
    { resolve: (result: R | null) => void; reject: (error: unknown) => void }
  >();
}
