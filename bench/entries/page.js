// The bench page: the same operations done by Bookstore's wasm, @aws-sdk/client-s3 and aws4fetch, in
// one page, timed with performance.now(). Bundled by esbuild; bench/browser.mjs calls `window.bench`.
import { ListObjectVersionsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Sha256 } from '@aws-crypto/sha256-browser';
import { SignatureV4 } from '@smithy/signature-v4';
import { AwsClient } from 'aws4fetch';

let env, ours, oursBench, sdk;

async function init(config, wasmUrl, benchWasmUrl) {
  env = config;
  const wasm = await import(wasmUrl);
  await wasm.default();
  ours = new wasm.Bookstore({
    endpoint: env.endpoint, bucket: env.bucket, pathStyle: true,
    accessKeyId: env.accessKeyId, secretAccessKey: env.secretAccessKey
  });
  oursBench = await import(benchWasmUrl);
  await oursBench.default();
  sdk = new S3Client({
    endpoint: env.endpoint, region: 'us-east-1', forcePathStyle: true,
    credentials: { accessKeyId: env.accessKeyId, secretAccessKey: env.secretAccessKey },
    // The CRC32 checksums added by default since 3.729 are for AWS; S3-compatible servers are commonly
    // used with them off, and Bookstore sends none either.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  });
}

/** A notebook of about `size` bytes of random text (nothing compresses), the same for the same `seed`. */
function notebook(size, seed) {
  let state = 2166136261;
  for (const c of String(seed)) state = Math.imul(state ^ c.charCodeAt(0), 16777619) >>> 0;
  const random = new Uint8Array(48 * 1024);
  const words = new Uint32Array(random.buffer);
  const lines = [];
  let length = 0;
  while (length < size) {
    for (let i = 0; i < words.length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      words[i] = state;
    }
    const line = btoa(String.fromCharCode(...random)).slice(0, size - length);
    lines.push(line);
    length += line.length + 3;
  }
  const nb = {
    cells: [{ cell_type: 'markdown', metadata: {}, source: [`bench ${seed}\n`, ...lines] }],
    metadata: {}, nbformat: 4, nbformat_minor: 5
  };
  return new TextEncoder().encode(JSON.stringify(nb));
}

let body = null;
function prepare(size, seed) {
  body = notebook(size, seed);
  return body.length;
}

// Main-thread tasks of 50 ms or more, to report the longest one during each timed operation.
const longTasks = [];
new PerformanceObserver(list => longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });

const timed = async run => {
  const start = performance.now();
  const detail = await run();
  const end = performance.now();
  // Long-task entries arrive after their task ends: give the last one time to be reported.
  await new Promise(resolve => setTimeout(resolve, 100));
  const during = longTasks.filter(t => t.startTime + t.duration > start && t.startTime < end);
  return { ms: end - start, longestTask: Math.max(0, ...during.map(t => t.duration)), ...detail };
};

/** Ours: archive, then list the history's first page until the new version is in it. */
const archiveOurs = path =>
  timed(async () => {
    const stored = await ours.archive(path, body);
    for (let polls = 1; ; polls++) {
      const page = await ours.listVersionsPage(path, 'workspace', undefined, 1000);
      if (page.versions.some(v => v.versionId === stored.versionId)) {
        return { polls, unchanged: stored.unchanged };
      }
    }
  });

/** The SDK: PutObject, then ListObjectVersions until the new version is in it. */
const archiveSdk = key =>
  timed(async () => {
    const put = await sdk.send(new PutObjectCommand({
      Bucket: env.bucket, Key: key, Body: body, ContentType: 'application/x-ipynb+json'
    }));
    for (let polls = 1; ; polls++) {
      const list = await sdk.send(new ListObjectVersionsCommand({ Bucket: env.bucket, Prefix: key, MaxKeys: 1000 }));
      if ((list.Versions ?? []).some(v => v.VersionId === put.VersionId)) {
        return { polls };
      }
    }
  });

/** One save as each client makes it, for counting requests (workload 7). */
const archiveOnly = path => ours.archive(path, body).then(stored => ({ unchanged: stored.unchanged }));
const putObjectOnly = key =>
  sdk.send(new PutObjectCommand({ Bucket: env.bucket, Key: key, Body: body, ContentType: 'application/x-ipynb+json' }))
    .then(() => ({}));

const keyFor = path => ours.keyFor(path, 'workspace');

const listOurs = path =>
  timed(async () => ({ count: (await ours.listVersions(path, 'workspace')).versions.length }));

/** The SDK has no paginator for ListObjectVersions: this is the loop over its two markers a caller writes. */
const listSdk = key =>
  timed(async () => {
    let count = 0;
    let markers = {};
    for (;;) {
      const page = await sdk.send(new ListObjectVersionsCommand({ Bucket: env.bucket, Prefix: key, ...markers }));
      count += (page.Versions ?? []).filter(v => v.Key === key).length;
      count += (page.DeleteMarkers ?? []).filter(v => v.Key === key).length;
      if (!page.IsTruncated) return { count };
      markers = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
    }
  });

const host = () => new URL(env.endpoint).host;
const putUrl = key => `${env.endpoint}/${env.bucket}/${key}`;

/** Ours (bench wasm): SHA-256 of the body and a SigV4 signature, as `archive` does before sending. */
const signOurs = key =>
  timed(async () => ({ signature: (await oursBench.benchSignPut(putUrl(key), host(), body, env.accessKeyId, env.secretAccessKey)).length }));

/** The SDK's SignatureV4 with the SHA-256 it uses in browsers (@aws-crypto/sha256-browser). */
const signSdk = key =>
  timed(async () => {
    const signer = new SignatureV4({
      credentials: { accessKeyId: env.accessKeyId, secretAccessKey: env.secretAccessKey },
      region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: true
    });
    const url = new URL(putUrl(key));
    const signed = await signer.sign({
      method: 'PUT', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname,
      query: {}, headers: { host: url.host, 'content-type': 'application/x-ipynb+json' }, body
    });
    return { signature: signed.headers.authorization.length };
  });

/** aws4fetch's signing. For S3 it signs UNSIGNED-PAYLOAD unless given the body's hash, so the hash is
 * taken first with WebCrypto, as aws4fetch itself does for other services. */
const signAws4fetch = key =>
  timed(async () => {
    const client = new AwsClient({
      accessKeyId: env.accessKeyId, secretAccessKey: env.secretAccessKey, service: 's3', region: 'us-east-1'
    });
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
    const hash = Array.from(digest, b => b.toString(16).padStart(2, '0')).join('');
    const signed = await client.sign(putUrl(key), {
      method: 'PUT', body, headers: { 'content-type': 'application/x-ipynb+json', 'x-amz-content-sha256': hash }
    });
    return { signature: signed.headers.get('authorization').length };
  });

window.bench = {
  init, prepare, keyFor, archiveOnly, putObjectOnly, archiveOurs, archiveSdk, listOurs, listSdk, signOurs, signSdk,
  signAws4fetch
};
