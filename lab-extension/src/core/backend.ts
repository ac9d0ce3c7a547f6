/**
 * The page's side of the backend: the wasm client runs in a dedicated Web Worker (`worker.ts`), so
 * hashing, signing and uploading big notebooks never block JupyterLab. The worker starts on first
 * use, not at JupyterLab start-up, and fetches the .wasm only then. Calls cross through comlink;
 * failures arrive as the same `BookstoreError`s (code, reason, fields, status, s3Code, s3Message,
 * requestId), which `messages.ts` puts into words.
 */
import { Remote, wrap } from 'comlink';

import type { WorkerApi, WorkerClient } from './worker';
import type { S3Location, Scope, Settings } from '../wasm/bookstore';

export type {
  BookstoreError,
  ErrorReason,
  Problem,
  BucketReport,
  LifecycleRule,
  ErrorCode,
  PublishedEntry,
  S3Location,
  Scope,
  StoredVersion,
  VersionContent,
  VersionEntry,
  VersionList
} from '../wasm/bookstore';

/**
 * A client for one bucket: every call of the crate's wasm `Bookstore` (crate/src/wasm.rs), with its
 * generated types, each returning a promise; notebook bodies go as Blobs.
 */
export type BookstoreClient = Remote<WorkerClient>;

let loading: Promise<Remote<WorkerApi>> | null = null;

function load(): Promise<Remote<WorkerApi>> {
  if (!loading) {
    loading = new Promise<Remote<WorkerApi>>((resolve, reject) => {
      // The worker script is bundled into a string (see scripts/bundle-worker.js); the .wasm stays an
      // asset of JupyterLab's build, fetched by the worker from its URL.
      const wasmUrl = new URL('../wasm/bookstore_bg.wasm', import.meta.url).href;
      import(/* webpackChunkName: "bookstore-worker" */ './worker-source').then(({ default: source }) => {
        const scriptUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
        const worker = new Worker(scriptUrl);
        URL.revokeObjectURL(scriptUrl);
        const api = wrap<WorkerApi>(worker);
        const fail = (error: unknown) => {
          worker.terminate();
          reject(error);
        };
        // An error while the worker starts only fires `error`; without this, calls would hang.
        worker.addEventListener(
          'error',
          () => fail(new Error('The Bookstore worker could not start; reload the page.')),
          { once: true }
        );
        api.start(wasmUrl).then(() => resolve(api), fail);
      }, reject);
    });
    // A failed load (offline, say) is retried on next use rather than cached.
    loading.catch(() => (loading = null));
  }
  return loading;
}

/** A client for the given settings; throws a BookstoreError (InvalidConfig) naming a wrong field. */
export async function createClient(settings: Settings): Promise<BookstoreClient> {
  return (await load()).createClient(settings);
}

/** Reads a clone link `s3://bucket/key[?versionId=...]`; throws InvalidPath when it is not one. */
export async function parseS3Uri(uri: string): Promise<S3Location> {
  return (await load()).parseS3Uri(uri);
}

/** The location of `path`'s key in `scope`, as `s3://bucket/key`. */
export async function s3Uri(client: BookstoreClient, path: string, scope: Scope): Promise<string> {
  const [bucket, key] = await Promise.all([client.bucket, client.keyFor(path, scope)]);
  return `s3://${bucket}/${key}`;
}
