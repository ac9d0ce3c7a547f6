/**
 * The extension's shared state, provided to the feature plugins as `IBookstore` (tokens.ts): settings,
 * the S3 client built from them, and the archive queue with its signals.
 */
import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import { Contents, ServerConnection } from '@jupyterlab/services';
import { PromiseDelegate } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';

import { IBookstore, IUploadFailure, IVersionsChanged, NotConfiguredError } from '../tokens';
import { BookstoreClient, createClient, StoredVersion } from './backend';
import { defaultPendingStore } from './pending';
import { ArchiveQueue, IQueueItem, IQueueState } from './queue';
import { mark, timed } from './timing';
import {
  clientSettings,
  DEFAULT_SETTINGS,
  IBookstoreSettings,
  ISessionCredentials,
  Missing,
  missing
} from './settings';

export class BookstoreModel implements IBookstore {
  constructor(
    private readonly contents: Contents.IManager,
    private readonly messages: {
      notConfigured: (what: Exclude<Missing, null>) => string;
      describe: (error: unknown) => string;
    }
  ) {
    this.queue = new ArchiveQueue<StoredVersion | null>({
      upload: async item => {
        const client = await this.client();
        if (item.kind === 'rename') {
          await client.recordRename(await item.body.text(), item.path);
          return null;
        }
        return timed('upload', () =>
          item.kind === 'publish' ? client.publish(item.path, item.body) : client.archive(item.path, item.body)
        );
      },
      store: defaultPendingStore(),
      turn: item => this.uploadGate?.(item.path, item.savedAt) ?? Promise.resolve(),
      after: async item => (item.kind === 'rename' ? item.body.text() : null),
      exclusive: (path, task) =>
        // One upload per notebook across this browser's tabs; where the Web Locks API is missing
        // (pages not served from a secure context), the content check still prevents duplicates.
        navigator.locks ? navigator.locks.request(`jupyterlab-bookstore:${path}`, task) : task(),
      onPersistFailed: error => this._persistFailed.emit(error),
      describe: error => this.messages.describe(error),
      onStored: (item, stored, awaited) => {
        if (!stored) {
          this._historyRecorded.emit(item.path);
          return;
        }
        mark('archived', item.path);
        if (item.kind === 'publish' && !awaited) {
          this._publishedLater.emit({ path: item.path, stored });
        }
        if (stored.unchanged && item.kind !== 'publish') {
          this._savedUnchanged.emit(item.path);
        } else if (!stored.unchanged) {
          this._versionsChanged.emit({
            path: item.path,
            scope: item.kind === 'publish' ? 'published' : 'workspace',
            // As the history panel shows it until its next listing; the time is this computer's.
            stored: {
              versionId: stored.versionId,
              lastModified: new Date().toISOString(),
              size: stored.size,
              etag: stored.etag,
              isLatest: true,
              isDeleteMarker: false
            }
          });
        }
      },
      // A failed first publish is reported by the command that waits for it.
      onFailed: (item, error, awaited) =>
        awaited || this._uploadFailed.emit({ path: item.path, kind: item.kind ?? 'archive', error }),
      onChange: state => this._stateChanged.emit(state)
    });
  }

  get settings(): IBookstoreSettings {
    return this._settings;
  }

  /** Applies new settings at once: the next call uses them, and waiting uploads are retried. */
  configure(settings: IBookstoreSettings): void {
    this._settings = settings;
    this._client = null;
    this._loaded.resolve();
    this._configured.emit();
    this.queue.retryNow();
  }

  /**
   * Settles once the settings were applied the first time. A save or a command in the first moments
   * after the page opens waits for it, instead of being told that no bucket is configured.
   */
  get loaded(): Promise<void> {
    return this._loaded.promise;
  }

  /** Credentials kept in memory for this browser session only (never written to settings). */
  setSessionCredentials(credentials: ISessionCredentials | null): void {
    this.session = credentials;
    this._client = null;
    this._configured.emit();
    this.queue.retryNow();
  }

  get hasSessionCredentials(): boolean {
    return this.session !== null;
  }

  /** What is missing before S3 can be used, or null. */
  get missing(): Missing {
    return missing(this._settings, this.session);
  }

  get queueState(): IQueueState {
    return this.queue.state;
  }

  /** Emits the queue's state on every change (status bar). */
  get stateChanged(): ISignal<this, IQueueState> {
    return this._stateChanged;
  }

  /** Emits after a version was stored, with where (history panel). */
  get versionsChanged(): ISignal<this, IVersionsChanged> {
    return this._versionsChanged;
  }

  /** Emits a notebook path after a save whose content equalled the latest version (no new version). */
  get savedUnchanged(): ISignal<this, string> {
    return this._savedUnchanged;
  }

  /** Emits each failed upload attempt (of a save or a publish). */
  get uploadFailed(): ISignal<this, IUploadFailure> {
    return this._uploadFailed;
  }

  /** Emits a publish that failed at first and was stored by a later retry (perhaps after a reload). */
  get publishedLater(): ISignal<this, { path: string; stored: StoredVersion }> {
    return this._publishedLater;
  }

  /** Emits when a save could not be kept in the browser's storage (it is still queued in memory). */
  get persistFailed(): ISignal<this, unknown> {
    return this._persistFailed;
  }

  get historyRecorded(): ISignal<this, string> {
    return this._historyRecorded;
  }

  /** Emits after settings or credentials changed. */
  get configured(): ISignal<this, void> {
    return this._configured;
  }

  /**
   * Queues the file a save just wrote. Reads it back from the contents manager so that the archived
   * bytes are exactly the saved file; the save itself is already complete and is never delayed.
   */
  async archiveSaved(path: string): Promise<void> {
    // Handing the queue the pending read counts the save as waiting at once, in save order.
    await timed('read-back + enqueue', () => this.queue.enqueue(path, this.readFile(path)));
  }

  saveRequested(path: string): void {
    this._saveAsked.emit(path);
  }

  setUploadGate(gate: ((path: string, savedAt: number) => Promise<void>) | null): void {
    this.uploadGate = gate;
  }

  historyMayHaveChanged(path: string): void {
    this._historyRecorded.emit(path);
  }

  get saveAsked(): ISignal<this, string> {
    return this._saveAsked;
  }

  async recordRestore(path: string, versionId: string, fromVersionId: string): Promise<void> {
    await (await this.client()).recordRestore(path, versionId, fromVersionId);
    this._historyRecorded.emit(path);
  }

  async nameVersion(path: string, storedAs: string, versionId: string, name: string): Promise<void> {
    await (await this.client()).nameVersion(storedAs, versionId, name);
    this._historyRecorded.emit(path);
  }

  async recordRename(from: string, to: string): Promise<void> {
    await this.queue.enqueue(to, new Blob([from], { type: 'text/plain' }), 'rename');
  }

  /** Queues the saves an earlier page left unarchived; returns how many. */
  restorePending(): Promise<number> {
    return this.queue.restore();
  }

  retryUploads(): void {
    this.queue.retryNow();
  }

  /** Saves waiting to be archived, oldest first. */
  get pendingItems(): IQueueItem[] {
    return this.queue.pendingItems();
  }

  /** Drops a waiting save for good (the user asked); false while it is uploading. */
  discard(id: string): Promise<boolean> {
    return this.queue.discard(id);
  }

  /**
   * Publishes the saved file at `path`, after the saves of it still waiting. Settles with the first
   * attempt; a publish that fails is kept like a save and retried (`publishedLater` tells when it
   * lands). Null when another tab sent it.
   */
  async publish(path: string): Promise<StoredVersion | null> {
    await this.loaded;
    const what = this.missing;
    if (what) {
      throw new NotConfiguredError(what, this.messages.notConfigured(what));
    }
    return this.queue.enqueueAndWait(path, this.readFile(path), 'publish');
  }

  dispose(): void {
    this.queue.dispose();
    Signal.clearData(this);
  }

  /** The S3 client for the current settings; throws NotConfiguredError when something is missing. */
  async client(): Promise<BookstoreClient> {
    await this.loaded;
    const what = this.missing;
    if (what) {
      throw new NotConfiguredError(what, this.messages.notConfigured(what));
    }
    if (!this._client) {
      this._client = createClient(clientSettings(this._settings, this.session, PageConfig.getBaseUrl()));
      this._client.catch(() => (this._client = null));
    }
    return this._client;
  }

  /**
   * The saved file's bytes as a Blob. From the server's /files/ handler it never becomes a string on
   * the page (a 50 MB notebook read back through the contents API as JSON blocks the page for a long
   * time); other drives (JupyterLite, say) go through the contents API.
   */
  private async readFile(path: string): Promise<Blob> {
    // The Jupyter server rewrites a file in place (its "atomic" writing keeps a backup, not the readers
    // out): read while it writes, under RTC where it writes a second after each change, the file is
    // empty or cut short. A notebook is a JSON object: read it again until it looks whole.
    for (let attempt = 1; ; attempt++) {
      const blob = await this.readOnce(path);
      if (attempt >= READ_ATTEMPTS || (await looksWhole(blob))) {
        return blob;
      }
      await new Promise(resolve => setTimeout(resolve, READ_RETRY_MS));
    }
  }

  private async readOnce(path: string): Promise<Blob> {
    const settings = this.contents.serverSettings;
    // JupyterLite has no server: /files/ would serve the site's shipped copy, not the saved one.
    if (this.contents.driveName(path) === '' && PageConfig.getOption('appName') !== 'JupyterLite') {
      const url = URLExt.join(settings.baseUrl, 'files', URLExt.encodeParts(path));
      const response = await ServerConnection.makeRequest(url, { cache: 'no-store' }, settings);
      if (response.ok) {
        return response.blob();
      }
    }
    const model = await this.contents.get(path, { type: 'file', format: 'text', content: true });
    return new Blob([model.content as string]);
  }

  private _settings: IBookstoreSettings = DEFAULT_SETTINGS;
  private uploadGate: ((path: string, savedAt: number) => Promise<void>) | null = null;
  private readonly _loaded = new PromiseDelegate<void>();
  private session: ISessionCredentials | null = null;
  private _client: Promise<BookstoreClient> | null = null;
  private readonly queue: ArchiveQueue<StoredVersion | null>;
  private readonly _stateChanged = new Signal<this, IQueueState>(this);
  private readonly _versionsChanged = new Signal<this, IVersionsChanged>(this);
  private readonly _savedUnchanged = new Signal<this, string>(this);
  private readonly _uploadFailed = new Signal<this, IUploadFailure>(this);
  private readonly _publishedLater = new Signal<this, { path: string; stored: StoredVersion }>(this);
  private readonly _configured = new Signal<this, void>(this);
  private readonly _persistFailed = new Signal<this, unknown>(this);
  private readonly _historyRecorded = new Signal<this, string>(this);
  private readonly _saveAsked = new Signal<this, string>(this);
}

/** How often a notebook read while the server was writing it is read again, and how far apart. */
const READ_ATTEMPTS = 10;
const READ_RETRY_MS = 300;

/** Whether `blob` starts and ends as a JSON object does (what a notebook is, and a cut one is not). */
async function looksWhole(blob: Blob): Promise<boolean> {
  const [head, tail] = await Promise.all([blob.slice(0, 64).text(), blob.slice(-64).text()]);
  return head.trimStart().startsWith('{') && tail.trimEnd().endsWith('}');
}
