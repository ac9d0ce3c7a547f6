/**
 * The only module that imports the wasm package. It is loaded on first use, not at JupyterLab
 * start-up: the dynamic import becomes its own chunk, and the .wasm is fetched only then.
 */
import type {
  Bookstore,
  BookstoreError,
  ErrorCode,
  S3Location,
  Settings
} from './wasm/bookstore';

export type {
  Bookstore,
  BookstoreError,
  BucketReport,
  ErrorCode,
  PublishedEntry,
  S3Location,
  Scope,
  StoredVersion,
  VersionContent,
  VersionEntry,
  VersionList
} from './wasm/bookstore';

type WasmModule = typeof import('./wasm/bookstore');

let loading: Promise<WasmModule> | null = null;

function load(): Promise<WasmModule> {
  if (!loading) {
    loading = import(/* webpackChunkName: "bookstore-wasm" */ './wasm/bookstore').then(async module => {
      await module.default();
      return module;
    });
    // A failed load (offline, say) is retried on next use rather than cached.
    loading.catch(() => (loading = null));
  }
  return loading;
}

/** A client for the given settings; throws a BookstoreError (InvalidConfig) naming a wrong field. */
export async function createClient(settings: Settings): Promise<Bookstore> {
  const wasm = await load();
  return new wasm.Bookstore(settings);
}

/** Reads a clone link `s3://bucket/key[?versionId=...]`; throws InvalidPath when it is not one. */
export async function parseS3Uri(uri: string): Promise<S3Location> {
  return (await load()).parseS3Uri(uri);
}

export function isBookstoreError(error: unknown): error is BookstoreError {
  return error instanceof Error && error.name === 'BookstoreError' && 'code' in error;
}

/** The code of a backend error, or null for any other failure. */
export function errorCode(error: unknown): ErrorCode | null {
  return isBookstoreError(error) ? error.code : null;
}

/** The message to show for any failure; backend messages never contain secrets. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
