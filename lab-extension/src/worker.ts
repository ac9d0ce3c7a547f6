/**
 * The dedicated Web Worker that runs the wasm client, so that copying, hashing and signing a big
 * notebook, parsing S3's XML and the fetches never block JupyterLab's page. `backend.ts` starts it
 * and talks to it through comlink. Credentials stay in this worker's memory, inside the clients built
 * from the settings the page passes; nothing here is written anywhere.
 */
import { expose, proxy, ProxyMarked, transfer } from 'comlink';

import { keepErrorFields } from './errorfields';

import init, { Bookstore, parseS3Uri } from './wasm/bookstore';
import type {
  BucketReport,
  PublishedEntry,
  S3Location,
  Scope,
  Settings,
  StoredVersion,
  VersionContent,
  VersionList
} from './wasm/bookstore';

let ready: Promise<unknown> = Promise.reject(new Error('The Bookstore worker was not started.'));
ready.catch(() => undefined);

/**
 * The wasm client as the page sees it (through comlink, every call returns a promise). Notebook
 * bodies arrive as Blobs, which cross to the worker without a copy; they are read into memory here.
 */
export class WorkerClient {
  constructor(private readonly inner: Bookstore) {}

  get bucket(): string {
    return this.inner.bucket;
  }

  keyFor(path: string, scope: Scope): string {
    return this.inner.keyFor(path, scope);
  }

  async archive(path: string, body: Blob): Promise<StoredVersion> {
    return this.inner.archive(path, new Uint8Array(await body.arrayBuffer()));
  }

  async publish(path: string, body: Blob): Promise<StoredVersion> {
    return this.inner.publish(path, new Uint8Array(await body.arrayBuffer()));
  }

  listVersions(path: string, scope: Scope): Promise<VersionList> {
    return this.inner.listVersions(path, scope);
  }

  listVersionsPage(path: string, scope: Scope, after?: string | null, maxKeys?: number | null): Promise<VersionList> {
    return this.inner.listVersionsPage(path, scope, after, maxKeys);
  }

  async getVersion(path: string, scope: Scope, versionId?: string | null): Promise<VersionContent> {
    return handOver(await this.inner.getVersion(path, scope, versionId));
  }

  async getObject(bucket: string, key: string, versionId?: string | null): Promise<VersionContent> {
    return handOver(await this.inner.getObject(bucket, key, versionId));
  }

  listPublished(folder?: string | null): Promise<PublishedEntry[]> {
    return this.inner.listPublished(folder);
  }

  checkBucket(): Promise<BucketReport> {
    return this.inner.checkBucket();
  }
}

/** The bytes are already a copy outside wasm memory, so their buffer moves to the page, uncopied. */
function handOver(content: VersionContent): VersionContent {
  return transfer(content, [content.bytes.buffer]);
}

const api = {
  /** Fetches and compiles the wasm at `wasmUrl`; rejects when it cannot. Called once, first. */
  async start(wasmUrl: string): Promise<void> {
    ready = init({ module_or_path: wasmUrl });
    await ready;
  },

  /** A client for the settings; throws a BookstoreError (InvalidConfig) naming a wrong field. */
  async createClient(settings: Settings): Promise<WorkerClient & ProxyMarked> {
    await ready;
    return proxy(new WorkerClient(new Bookstore(settings)));
  },

  async parseS3Uri(uri: string): Promise<S3Location> {
    await ready;
    return parseS3Uri(uri);
  }
};

export type WorkerApi = typeof api;

keepErrorFields();
expose(api);
