/**
 * Where saves waiting to be archived are kept so that none is lost: IndexedDB, which survives page
 * reloads and browser restarts, with an in-memory fallback where IndexedDB is unavailable.
 */

/** A saved notebook not yet archived. */
export interface IPendingRecord {
  readonly id: string;
  readonly path: string;
  /** The saved file, as a Blob: IndexedDB and the worker take it without copying it on the page. */
  readonly body: Blob;
  /** When it was saved (ms since the epoch); with `seq`, the order of saves. */
  readonly savedAt: number;
  readonly seq: number;
}

export interface IPendingStore {
  /** Every record, in save order. */
  load(): Promise<IPendingRecord[]>;
  add(record: IPendingRecord): Promise<void>;
  remove(id: string): Promise<void>;
  /** False once any tab has stored (or discarded) the record. */
  has(id: string): Promise<boolean>;
}

export function bySaveOrder(a: IPendingRecord, b: IPendingRecord): number {
  return a.savedAt - b.savedAt || a.seq - b.seq;
}

export class MemoryPendingStore implements IPendingStore {
  async load(): Promise<IPendingRecord[]> {
    return [...this.records.values()].sort(bySaveOrder);
  }
  async add(record: IPendingRecord): Promise<void> {
    this.records.set(record.id, record);
  }
  async remove(id: string): Promise<void> {
    this.records.delete(id);
  }
  async has(id: string): Promise<boolean> {
    return this.records.has(id);
  }
  private readonly records = new Map<string, IPendingRecord>();
}

const STORE = 'pending';

export class IndexedDBPendingStore implements IPendingStore {
  constructor(private readonly name = 'jupyterlab-bookstore') {}

  async load(): Promise<IPendingRecord[]> {
    const records = await this.run<Array<IPendingRecord & { bytes?: Uint8Array }>>('readonly', store => store.getAll());
    // Saves kept by an earlier version of the extension hold their bytes instead of a Blob.
    return records.map(({ bytes, ...record }) => (bytes ? { ...record, body: new Blob([bytes]) } : record)).sort(bySaveOrder);
  }

  async add(record: IPendingRecord): Promise<void> {
    await this.run('readwrite', store => store.put(record));
  }

  async remove(id: string): Promise<void> {
    await this.run('readwrite', store => store.delete(id));
  }

  async has(id: string): Promise<boolean> {
    return (await this.run<number>('readonly', store => store.count(id))) > 0;
  }

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      this.db = new Promise((resolve, reject) => {
        const request = indexedDB.open(this.name, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      this.db.catch(() => (this.db = null));
    }
    return this.db;
  }

  private async run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest): Promise<T> {
    const db = await this.open();
    return new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      // Resolve once the transaction is durable, not when the request alone succeeds.
      transaction.oncomplete = () => resolve(request.result as T);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }

  private db: Promise<IDBDatabase> | null = null;
}

/** IndexedDB when the browser has it, memory otherwise. */
export function defaultPendingStore(): IPendingStore {
  return typeof indexedDB === 'undefined' ? new MemoryPendingStore() : new IndexedDBPendingStore();
}
