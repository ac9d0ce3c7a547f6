/**
 * Where saves waiting to be archived are kept so that none is lost: IndexedDB, which survives page
 * reloads and browser restarts, with an in-memory fallback where IndexedDB is unavailable.
 */

/**
 * What to do with a kept item: archive the save as a version, publish it, or record that the notebook
 * was renamed (then `path` is the new path and `body` the old one, as text).
 */
export type PendingKind = 'archive' | 'publish' | 'rename';

/** A saved notebook not yet archived (or published). */
export interface IPendingRecord {
  readonly id: string;
  readonly path: string;
  /** The saved file, as a Blob: IndexedDB and the worker take it without copying it on the page. */
  readonly body: Blob;
  /** Missing in records kept by versions before publishes were kept: those are archives. */
  readonly kind?: PendingKind;
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
  /** The earliest-saved record of `path`, kept by any tab, or null. */
  oldest(path: string): Promise<IPendingRecord | null>;
}

/** The order in which saves were made (across tabs and reloads). */
export type SaveOrder = Pick<IPendingRecord, 'savedAt' | 'seq'>;

export function bySaveOrder(a: SaveOrder, b: SaveOrder): number {
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
  async oldest(path: string): Promise<IPendingRecord | null> {
    return (await this.load()).find(record => record.path === path) ?? null;
  }
  private readonly records = new Map<string, IPendingRecord>();
}

const STORE = 'pending';
const BY_PATH = 'byPathInSaveOrder';

/** A record as IndexedDB holds it: saves kept by earlier versions of the extension have bytes, not a Blob. */
type IStoredRecord = Omit<IPendingRecord, 'body'> & { body?: Blob; bytes?: Uint8Array };

function fromStored({ bytes, body, ...record }: IStoredRecord): IPendingRecord {
  return { ...record, body: body ?? new Blob([bytes ?? new Uint8Array()]) };
}

export class IndexedDBPendingStore implements IPendingStore {
  constructor(private readonly name = 'jupyterlab-bookstore') {}

  async load(): Promise<IPendingRecord[]> {
    const records = await this.run<IStoredRecord[]>('readonly', store => store.getAll());
    return records.map(fromStored).sort(bySaveOrder);
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

  async oldest(path: string): Promise<IPendingRecord | null> {
    const range = IDBKeyRange.bound([path, -Infinity, -Infinity], [path, Infinity, Infinity]);
    const record = await this.run<IStoredRecord | undefined>('readonly', store => store.index(BY_PATH).get(range));
    return record ? fromStored(record) : null;
  }

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      this.db = new Promise((resolve, reject) => {
        const request = indexedDB.open(this.name, 2);
        request.onupgradeneeded = event => {
          const store =
            event.oldVersion < 1
              ? request.result.createObjectStore(STORE, { keyPath: 'id' })
              : request.transaction!.objectStore(STORE);
          // Version 2: each notebook's records in save order, to find its oldest without reading the rest.
          store.createIndex(BY_PATH, ['path', 'savedAt', 'seq']);
        };
        request.onsuccess = () => {
          // A newer version of the extension in another tab may need to upgrade the database: let it,
          // and open it again on next use.
          request.result.onversionchange = () => {
            request.result.close();
            this.db = null;
          };
          resolve(request.result);
        };
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
