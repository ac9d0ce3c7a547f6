/**
 * The archive queue: every save is uploaded, one at a time per notebook, in save order. A failed
 * upload stays at the head of its notebook's lane and is retried with growing delays (or at once with
 * `retryNow`); it is never dropped. No JupyterLab imports, so it is unit-tested directly.
 */

export interface IQueueItem {
  readonly id: number;
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly savedAt: number;
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
  /** Called after each stored item. */
  onStored?: (item: IQueueItem, result: R) => void;
  /** Called after each failed attempt. */
  onFailed?: (item: IQueueItem, error: unknown) => void;
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

export class ArchiveQueue<R = unknown> {
  constructor(private readonly options: IQueueOptions<R>) {}

  /** Queues a saved notebook's bytes; uploading starts at once unless its lane is busy. */
  enqueue(path: string, bytes: Uint8Array): IQueueItem {
    const item: IQueueItem = { id: this.nextId++, path, bytes, savedAt: Date.now(), attempts: 0, lastError: null };
    const lane = this.lanes.get(path) ?? [];
    lane.push(item);
    this.lanes.set(path, lane);
    this.changed();
    this.pump(path);
    return item;
  }

  /** Retries every waiting lane now (after the user fixed the settings, say). */
  retryNow(): void {
    for (const [path, handle] of this.timers) {
      (this.options.clearTimer ?? clearTimeout)(handle as ReturnType<typeof setTimeout>);
      this.timers.delete(path);
      this.pump(path);
    }
  }

  /** Items not yet stored, oldest first, per notebook. */
  pendingItems(path?: string): IQueueItem[] {
    const lanes = path === undefined ? [...this.lanes.values()] : [this.lanes.get(path) ?? []];
    return lanes.flat();
  }

  get state(): IQueueState {
    let pending = 0;
    for (const lane of this.lanes.values()) {
      pending += lane.length;
    }
    return { pending, uploading: this.active.size, failed: this.timers.size, lastError: this.lastError };
  }

  /** Stops retry timers (the extension is being unloaded). */
  dispose(): void {
    for (const handle of this.timers.values()) {
      (this.options.clearTimer ?? clearTimeout)(handle as ReturnType<typeof setTimeout>);
    }
    this.timers.clear();
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
    this.options.upload(item).then(
      result => {
        lane.shift();
        if (lane.length === 0) {
          this.lanes.delete(path);
        }
        this.active.delete(path);
        if (this.timers.size === 0) {
          this.lastError = null;
        }
        this.options.onStored?.(item, result);
        this.changed();
        this.pump(path);
      },
      error => {
        this.active.delete(path);
        item.lastError = (this.options.describe ?? String)(error);
        this.lastError = item.lastError;
        const delay = (this.options.retryDelay ?? defaultRetryDelay)(item.attempts);
        const handle = (this.options.setTimer ?? setTimeout)(() => {
          this.timers.delete(path);
          this.pump(path);
        }, delay);
        this.timers.set(path, handle);
        this.options.onFailed?.(item, error);
        this.changed();
      }
    );
  }

  private changed(): void {
    this.options.onChange?.(this.state);
  }

  private nextId = 1;
  private lastError: string | null = null;
  private readonly lanes = new Map<string, IQueueItem[]>();
  private readonly active = new Set<string>();
  private readonly timers = new Map<string, unknown>();
}
