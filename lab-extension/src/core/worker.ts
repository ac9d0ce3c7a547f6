/**
 * The dedicated Web Worker that runs the wasm client, so that copying, hashing and signing a big
 * notebook, parsing S3's XML and the fetches never block JupyterLab's page. `backend.ts` starts it
 * and talks to it through comlink. Credentials stay in this worker's memory, inside the clients built
 * from the settings the page passes; nothing here is written anywhere.
 *
 * The page gets the wasm `Bookstore` itself, behind one generic wrapper: an S3 operation exported by
 * the crate (`crate/src/wasm.rs`) is callable from the page as it is, with its generated types.
 */
import { expose, proxy, ProxyMarked, transfer } from 'comlink';

import { keepErrorFields } from './errorfields';

import init, { Bookstore, parseS3Uri } from '../wasm/bookstore';
import type { S3Location, Settings } from '../wasm/bookstore';

let ready: Promise<unknown> = Promise.reject(new Error('The Bookstore worker was not started.'));
ready.catch(() => undefined);

/** A method's arguments as the page passes them: notebook bytes as Blobs, which cross without a copy. */
type PageArgs<A extends unknown[]> = { [I in keyof A]: A[I] extends Uint8Array ? Blob : A[I] };

/** The wasm client as the page sees it (through comlink every call returns a promise). */
export type WorkerClient = {
  [K in keyof Omit<Bookstore, 'free' | typeof Symbol.dispose>]: Bookstore[K] extends (...args: infer A) => infer R
    ? (...args: PageArgs<A>) => R
    : Bookstore[K];
};

/** Wraps `inner` so that Blob arguments are read into bytes here and returned bytes move to the page. */
function pageSide(inner: Bookstore): WorkerClient {
  return new Proxy(inner, {
    get(target, name) {
      const member: unknown = Reflect.get(target, name, target);
      if (typeof member !== 'function') {
        return member;
      }
      return async (...args: unknown[]) => handOver(await member.apply(target, await Promise.all(args.map(bytesOf))));
    }
  }) as unknown as WorkerClient;
}

async function bytesOf(arg: unknown): Promise<unknown> {
  return arg instanceof Blob ? new Uint8Array(await arg.arrayBuffer()) : arg;
}

/** Bytes in a result (a version's content) are already a copy outside wasm memory: move them, uncopied. */
function handOver<T>(result: T): T {
  const bytes = (result as { bytes?: unknown } | null)?.bytes;
  return bytes instanceof Uint8Array ? transfer(result, [bytes.buffer]) : result;
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
    return proxy(pageSide(new Bookstore(settings)));
  },

  async parseS3Uri(uri: string): Promise<S3Location> {
    await ready;
    return parseS3Uri(uri);
  }
};

export type WorkerApi = typeof api;

keepErrorFields();
expose(api);
