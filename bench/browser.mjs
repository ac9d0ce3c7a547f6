// Workloads 3 (archive latency), 4 (listing), 5 (hashing and signing) and 7 (cost) in one bench page:
// Bookstore's wasm, @aws-sdk/client-s3 and aws4fetch side by side, each run alternating between them.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { OUT, RUNS, env, launch, log, median, proxyCounts, record, s3py } from './common.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
const SIZES = { '100 KB': 100_000, '5 MB': 5_000_000, '50 MB': 50_000_000 };
// Small saves are quick and noisier: three times the runs.
const runsFor = size => (size < 50_000_000 ? 3 * RUNS : RUNS);
const LISTING_VERSIONS = Number(process.env.BENCH_LISTING_VERSIONS || 10_000);

/** Serves OUT/page on 127.0.0.1 (the origin the bucket's CORS allows). */
function serve(port) {
  const root = join(OUT, 'page');
  const server = createServer((request, response) => {
    const file = join(root, normalize(new URL(request.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html');
    try {
      const data = readFileSync(file.endsWith('/') ? join(file, 'index.html') : file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      response.end(data);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise(resolve => server.listen(port, '127.0.0.1', () => resolve(server)));
}

const config = endpoint => ({
  endpoint, bucket: env('BOOKSTORE_TEST_BUCKET'),
  accessKeyId: env('BOOKSTORE_TEST_ACCESS_KEY_ID'), secretAccessKey: env('BOOKSTORE_TEST_SECRET_ACCESS_KEY')
});

async function openPage(browser, port, endpoint) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  await page.waitForFunction(() => window.bench);
  await page.evaluate(([c]) => window.bench.init(c, '/wasm/bookstore.js', '/bench-wasm/bookstore.js'), [config(endpoint)]);
  return page;
}

const call = (page, name, ...args) => page.evaluate(([n, a]) => window.bench[n](...a), [name, args]);

/** Runs each of `contenders` RUNS times, alternating, after one warm-up each; returns medians in ms. */
async function compare(page, contenders, before = async () => {}, runs = RUNS) {
  const times = Object.fromEntries(Object.keys(contenders).map(name => [name, []]));
  const longest = Object.fromEntries(Object.keys(contenders).map(name => [name, []]));
  const details = {};
  for (let run = 0; run <= runs; run++) {
    for (const [name, go] of Object.entries(contenders)) {
      await before(run, name);
      const result = await go(run);
      details[name] = result;
      if (run > 0) {
        times[name].push(result.ms);
        longest[name].push(result.longestTask);
      }
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, ms]) => [
    name, {
      median: median(ms), runs: ms, longestTask: Math.max(...longest[name]), longestTaskMedian: median(longest[name]),
      last: details[name]
    }
  ]));
}

async function archiveLatency(page) {
  const results = {};
  for (const [label, size] of Object.entries(SIZES)) {
    const path = `bench/archive-${size}.ipynb`;
    const key = await call(page, 'keyFor', path);
    const sdkKey = key.replace(/\.ipynb$/, '-sdk.ipynb');
    results[label] = await compare(page, {
      ours: () => call(page, 'archiveOurs', path),
      sdk: () => call(page, 'archiveSdk', sdkKey)
    }, (run, name) => call(page, 'prepare', size, `${label} ${name} ${run}`), runsFor(size));
    log('archive', label, JSON.stringify(Object.fromEntries(Object.entries(results[label]).map(([n, r]) => [n, r.median]))));
  }
  record('archive', results);
}

async function listing(page) {
  const path = 'bench/listing.ipynb';
  const key = await call(page, 'keyFor', path);
  const seeded = s3py('stored', key).versions;
  if (seeded < LISTING_VERSIONS) {
    log(`seeding ${LISTING_VERSIONS - seeded} versions of ${key} with boto3`);
    s3py('seed', key, String(LISTING_VERSIONS - seeded));
  }
  const results = await compare(page, { ours: () => call(page, 'listOurs', path), sdk: () => call(page, 'listSdk', key) });
  const boto = s3py('list', key, String(RUNS + 1));
  results.boto3 = { median: median(boto.ms.slice(1)), runs: boto.ms.slice(1), last: { count: boto.count } };
  for (const [name, r] of Object.entries(results)) {
    if (r.last.count < LISTING_VERSIONS) throw new Error(`${name} listed ${r.last.count} versions, not ${LISTING_VERSIONS}`);
  }
  log('listing', JSON.stringify(Object.fromEntries(Object.entries(results).map(([n, r]) => [n, r.median]))));
  record('listing', { versions: results.ours.last.count, ...results });
}

async function signing(page) {
  const size = 50_000_000;
  const key = 'workspace/bench/sign.ipynb';
  const bytes = await call(page, 'prepare', size, 'signing');
  const results = await compare(page, {
    ours: () => call(page, 'signOurs', key),
    sdk: () => call(page, 'signSdk', key),
    aws4fetch: () => call(page, 'signAws4fetch', key)
  });
  for (const r of Object.values(results)) r.mbPerSecond = bytes / 1e6 / (r.median / 1000);
  log('signing MB/s', JSON.stringify(Object.fromEntries(Object.entries(results).map(([n, r]) => [n, r.mbPerSecond]))));
  record('signing', { bytes, ...results });
}

/** Requests and bytes stored by a save with new content, then by a save of the same content again
 * (after a first save, not counted, so that both find an earlier version). Counted by bench/countproxy.py. */
async function cost(page) {
  const size = 100_000;
  const measure = async (key, save) => {
    await save('first');
    const row = {};
    for (const kind of ['changed', 'unchanged']) {
      const before = s3py('stored', key);
      await proxyCounts(true);
      await save('second');
      const counts = await proxyCounts();
      const after = s3py('stored', key);
      row[kind] = { requests: counts, newVersions: after.versions - before.versions, bytesStored: after.bytes - before.bytes };
    }
    return row;
  };
  const path = 'bench/cost.ipynb';
  const key = await call(page, 'keyFor', path);
  const results = {
    ours: await measure(key, async seed => {
      await call(page, 'prepare', size, seed);
      await call(page, 'archiveOnly', path);
    }),
    sdk: await measure(`${key}-sdk`, async seed => {
      await call(page, 'prepare', size, seed);
      await call(page, 'putObjectOnly', `${key}-sdk`);
    }),
    boto3: await measure(`${key}-boto3`, async seed => s3py('put', `${key}-boto3`, String(size), seed, env('BENCH_PROXY_URL')))
  };
  log('cost', JSON.stringify(results));
  record('cost', results);
}

const port = Number(env('BENCH_PAGE_PORT'));
const server = await serve(port);
const browser = await launch();
try {
  const page = await openPage(browser, port, env('BOOKSTORE_TEST_ENDPOINT'));
  await signing(page);
  await archiveLatency(page);
  await listing(page);
  const proxied = await openPage(browser, port, env('BENCH_PROXY_URL'));
  await cost(proxied);
} finally {
  await browser.close();
  server.close();
}
