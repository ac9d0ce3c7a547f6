/**
 * What Bookstore offers other plugins, this extension's own and anyone's: the `IBookstore` token (the
 * S3 client for the user's settings, the archive queue and their signals), its result types, and the
 * ids of the commands. Feature plugins (archive, history, publish, clone, status bar, bucket) require it.
 */
import { ISignal } from '@lumino/signaling';
import { Token } from '@lumino/coreutils';

import type { BookstoreClient, Scope, StoredVersion, VersionEntry } from './core/backend';
import type { PendingKind } from './core/pending';
import type { IQueueItem, IQueueState } from './core/queue';
import type { IBookstoreSettings, ISessionCredentials, Missing } from './core/settings';

export const PLUGIN_ID = 'jupyterlab-bookstore:plugin';

/** The translation domain of every label. */
export const TRANSLATION_DOMAIN = 'jupyterlab_bookstore';

/** Notebook versions on S3, for plugins that build on Bookstore. */
export interface IBookstore {
  /** The settings in force (Settings, Bookstore); `configured` tells when they change. */
  readonly settings: IBookstoreSettings;
  /** Settles once the settings were applied the first time. */
  readonly loaded: Promise<void>;
  /** What is missing before S3 can be used, or null. */
  readonly missing: Missing;
  /**
   * The S3 client for the current settings: every operation of the crate's wasm `Bookstore`, running
   * in a Web Worker. Throws NotConfiguredError when a bucket or credentials are missing.
   */
  client(): Promise<BookstoreClient>;
  /** Queues the file a save just wrote for archiving as a new version; the save is never delayed. */
  archiveSaved(path: string): Promise<void>;
  /**
   * Records that the notebook at `from` is now at `to`, so that its history follows it; kept and
   * retried like a save, in the new path's order.
   */
  recordRename(from: string, to: string): Promise<void>;
  /**
   * Records that version `versionId` of the notebook at `path` restored its version `fromVersionId`,
   * so that the history shows it as "restored from …".
   */
  recordRestore(path: string, versionId: string, fromVersionId: string): Promise<void>;
  /**
   * Names version `versionId`, stored under `storedAs`, of the notebook at `path` ("" removes its
   * name); every history panel showing it lists it again.
   */
  nameVersion(path: string, storedAs: string, versionId: string, name: string): Promise<void>;
  /**
   * Says that the next save of `path` is one the user asked for (a command), not an autosave: it is
   * archived at once, where automatic saves make a version at most every `autoVersionMinutes`.
   */
  saveRequested(path: string): void;
  /**
   * The history of `path` in S3 may have changed elsewhere (a collaborator's save): panels showing it
   * list it again.
   */
  historyMayHaveChanged(path: string): void;
  /**
   * Makes each upload of a save wait for `gate(path, savedAt)` (real-time collaboration: until no
   * collaborator holds an older save of the notebook); null removes it.
   */
  setUploadGate(gate: ((path: string, savedAt: number) => Promise<void>) | null): void;
  /** Publishes the saved file at `path` after its waiting saves; null when another tab sent it. */
  publish(path: string): Promise<StoredVersion | null>;
  /** Credentials kept in this tab's memory only (credentialsMode "session"). */
  setSessionCredentials(credentials: ISessionCredentials | null): void;
  readonly hasSessionCredentials: boolean;
  /** Saves (and publishes) waiting to be archived, oldest first. */
  readonly pendingItems: IQueueItem[];
  readonly queueState: IQueueState;
  /** Retries every waiting upload now. */
  retryUploads(): void;
  /** Queues the saves an earlier page left unarchived; returns how many. */
  restorePending(): Promise<number>;
  /** Drops a waiting save for good; false while it is uploading. */
  discard(id: string): Promise<boolean>;

  /** The queue's state on every change. */
  readonly stateChanged: ISignal<IBookstore, IQueueState>;
  /** A version was stored (by an archive or a publish). */
  readonly versionsChanged: ISignal<IBookstore, IVersionsChanged>;
  /** A save's content equalled the latest version: no new version (the notebook's path). */
  readonly savedUnchanged: ISignal<IBookstore, string>;
  /** An upload attempt failed; the save stays queued. */
  readonly uploadFailed: ISignal<IBookstore, IUploadFailure>;
  /** A publish that failed at first was stored by a later retry. */
  readonly publishedLater: ISignal<IBookstore, { path: string; stored: StoredVersion }>;
  /** A save could not be kept in the browser's storage (it is still queued in memory). */
  readonly persistFailed: ISignal<IBookstore, unknown>;
  /**
   * A rename or a restore was recorded in S3 for the notebook (its path), or a collaborator saved it:
   * its history reads differently (earlier names, "restored from" marks, their versions).
   */
  readonly historyRecorded: ISignal<IBookstore, string>;
  /** Settings or credentials changed. */
  readonly configured: ISignal<IBookstore, void>;
  /** `saveRequested` was called: the next save of that notebook (its path) was asked for. */
  readonly saveAsked: ISignal<IBookstore, string>;
}

export const IBookstore = new Token<IBookstore>(
  'jupyterlab-bookstore:IBookstore',
  'Notebook versions on S3: the S3 client for the user settings, the archive queue and its signals.'
);

/** Raised when the settings are not complete enough to talk to S3. */
export class NotConfiguredError extends Error {
  constructor(
    readonly missing: Exclude<Missing, null>,
    message: string
  ) {
    super(message);
    this.name = 'NotConfiguredError';
  }
}

/** A new version of a notebook, in its workspace history or among its published versions. */
export interface IVersionsChanged {
  path: string;
  scope: Scope;
  /** The version S3 just stored. */
  stored: VersionEntry;
}

/** An upload attempt that failed; the item stays queued. */
export interface IUploadFailure {
  path: string;
  kind: PendingKind;
  error: unknown;
}

export namespace CommandIDs {
  export const publish = 'bookstore:publish';
  export const clone = 'bookstore:clone';
  export const browsePublished = 'bookstore:browse-published';
  export const checkBucket = 'bookstore:check-bucket';
  export const enterCredentials = 'bookstore:enter-credentials';
  export const retryUploads = 'bookstore:retry-uploads';
  export const pendingUploads = 'bookstore:pending-uploads';
  export const openVersion = 'bookstore:open-version';
  export const compareVersion = 'bookstore:compare-version';
  export const compareVersions = 'bookstore:compare-versions';
  export const nameVersion = 'bookstore:name-version';
  export const restoreVersion = 'bookstore:restore-version';
  export const cloneVersion = 'bookstore:clone-version';
  export const copyUri = 'bookstore:copy-uri';
  export const copyVersionId = 'bookstore:copy-version-id';
  export const copyCloneLink = 'bookstore:copy-clone-link';
  export const showHistory = 'bookstore:show-history';
  export const openRunSource = 'bookstore:open-run-source';
}

/** The query parameter of clone links: `<lab url>?bookstore-clone=s3://bucket/key`. */
export const CLONE_LINK_PARAM = 'bookstore-clone';

/** Arguments of the per-version commands. */
export interface IVersionArgs {
  /** The notebook. */
  path: string;
  scope: 'workspace' | 'published';
  versionId: string;
  /** The path the version is stored under, when the notebook had another name then (renamed since). */
  storedAs?: string;
  /** For a version a scheduled run wrote: the notebook it ran, `s3://bucket/key?versionId=…`. */
  ranFrom?: string;
  /** The version's name, when it has one. */
  name?: string;
  /** For a comparison of two versions: the other one (else the saved notebook is compared). */
  againstVersionId?: string;
  againstScope?: string;
  againstStoredAs?: string;
  [key: string]: string | undefined;
}
