// Workloads 2 (start-up), 3 (archive latency through the real extension), 6 (longest main-thread task)
// and 7 (requests per save, through the extension) in JupyterLab, in Debian's Chromium.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNS, env, launch, log, median, proxyCounts, record, s3py } from './common.mjs';

const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS || 10);
const SIZES = { '100 KB': 100_000, '5 MB': 5_000_000, '50 MB': 50_000_000 };
// Small saves are quick and noisier: three times the runs.
const runsFor = size => (size < 50_000_000 ? 3 * RUNS : RUNS);

/** Records when `app.restored` resolves (JupyterLab assigns window.jupyterapp before it starts, with
 * expose_app_in_browser) and every long task of the page's main thread. */
function instrument() {
  let app;
  Object.defineProperty(window, 'jupyterapp', {
    configurable: true,
    get: () => app,
    set(value) {
      app = value;
      value.restored.then(() => (window.__restoredAt = performance.now()));
    }
  });
  window.__longtasks = [];
  new PerformanceObserver(list => window.__longtasks.push(...list.getEntries().map(e => ({ start: e.startTime, duration: e.duration }))))
    .observe({ type: 'longtask', buffered: true });
}

async function openLab(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  // When a run goes wrong, this is what tells why.
  page.on('pageerror', error => console.error('[page error]', error.message));
  page.on('requestfailed', request => console.error('[request failed]', request.method(), request.url(), request.failure()?.errorText));
  await page.goto(`${url}lab`);
  await page.waitForFunction(() => window.__restoredAt !== undefined, null, { timeout: 120_000 });
  return page;
}

/** Milliseconds from navigation start to `app.restored`, in a fresh context (empty cache) each run,
 * alternating with and without the extension. */
async function startup(browser) {
  const urls = { with: env('BENCH_LAB_URL'), without: env('BENCH_LAB_OFF_URL') };
  const times = { with: [], without: [] };
  for (let run = 0; run <= STARTUP_RUNS; run++) {
    for (const [name, url] of Object.entries(urls)) {
      const page = await openLab(browser, url);
      const ms = await page.evaluate(() => window.__restoredAt);
      if (name === 'with' && !(await page.evaluate(() => window.jupyterapp.hasPlugin('jupyterlab-bookstore:plugin')))) {
        throw new Error('the extension is not loaded in the Lab that should have it');
      }
      if (name === 'without' && (await page.evaluate(() => window.jupyterapp.hasPlugin('jupyterlab-bookstore:plugin')))) {
        throw new Error('the extension is loaded in the Lab that should not have it');
      }
      await page.context().close();
      if (run > 0) times[name].push(ms);
    }
  }
  const result = Object.fromEntries(Object.entries(times).map(([name, ms]) => [name, { median: median(ms), runs: ms }]));
  log('startup', JSON.stringify({ with: result.with.median, without: result.without.median }));
  record('startup', result);
}

/** A notebook whose bulk sits in its metadata (not rendered, so the page stays usable at 50 MB). */
function writeNotebook(file, size) {
  const payload = randomBytes(Math.ceil(size * 0.75)).toString('base64').slice(0, size);
  writeFileSync(file, JSON.stringify({
    cells: [{ cell_type: 'markdown', metadata: {}, source: ['Benchmark notebook'] }],
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, bench_payload: payload },
    nbformat: 4, nbformat_minor: 5
  }));
}

async function openNotebook(page, path) {
  await page.evaluate(async p => {
    const app = window.jupyterapp;
    const widget = await app.commands.execute('docmanager:open', { path: p, factory: 'Notebook' });
    await widget.context.ready;
    // Once its kernel is ready, JupyterLab writes the kernel's language_info into the notebook: wait for
    // it, or a save meant to be unchanged may carry that change (seen on a loaded machine).
    await widget.sessionContext.ready;
    for (let waited = 0; !widget.model.getMetadata('language_info') && waited < 60_000; waited += 100) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    app.shell.activateById(widget.id);
    app.shell.activateById('jp-bookstore-history');
  }, path);
  // The history panel has loaded this notebook's versions.
  await page.locator('#jp-bookstore-history .jp-bookstore-history-summary').filter({ hasNotText: 'Loading' }).waitFor();
}

const LATEST = '#jp-bookstore-history .jp-bookstore-version[data-scope="workspace"]';

/** The version id the history panel shows as latest, once it has loaded. */
async function shownLatest(page) {
  await page.locator('#jp-bookstore-history .jp-bookstore-history-summary').filter({ hasNotText: 'Loading' }).waitFor();
  return page.evaluate(selector => document.querySelector(selector)?.dataset.versionId ?? null, LATEST);
}

/** What the page shows of Bookstore, printed when a save is not listed in time. */
async function explain(page) {
  const shown = await page.evaluate(() => ({
    status: document.querySelector('.jp-bookstore-status')?.title,
    panel: document.querySelector('#jp-bookstore-history')?.textContent?.slice(0, 400),
    notifications: [...document.querySelectorAll('.jp-toast-message')].map(t => t.textContent)
  }));
  console.error('[not listed in time]', JSON.stringify(shown));
}

/** Saves the current notebook (changed first when `change`), then waits until the history panel shows
 * a latest version other than `before` (or says the save had no changes); returns the time from the
 * save's completion to that, the longest main-thread task in between, and the new latest version id.
 * `before` is passed in, not read here: the panel may be reloading (empty) when the save starts. */
async function saveAndWait(page, change, run, before) {
  return page.evaluate(async ([change, run, before, selector]) => {
    const app = window.jupyterapp;
    const history = document.querySelector('#jp-bookstore-history');
    const latest = () => document.querySelector(selector)?.dataset.versionId;
    if (change) app.shell.currentWidget.model.setMetadata('bench_run', run);
    performance.clearMeasures();
    await app.commands.execute('docmanager:save');
    const start = performance.now();
    await new Promise((resolve, reject) => {
      const done = () => (change ? latest() && latest() !== before : history.querySelector('.jp-bookstore-history-unchanged'));
      const observer = new MutationObserver(() => done() && finish());
      const timer = setTimeout(() => finish(new Error('no new version listed within 300 s')), 300_000);
      const finish = error => {
        observer.disconnect();
        clearTimeout(timer);
        error ? reject(error) : resolve();
      };
      observer.observe(history, { subtree: true, childList: true, attributes: true, characterData: true });
      if (done()) finish();
    });
    const end = performance.now();
    // Long-task entries arrive after their task ends: give the last one time to be reported.
    await new Promise(resolve => setTimeout(resolve, 100));
    const during = window.__longtasks.filter(t => t.start + t.duration > start && t.start < end);
    // Where the time went: the extension's own User Timing measures (src/timing.ts).
    const measured = name => performance.getEntriesByName(`bookstore:${name}`, 'measure').at(-1)?.duration ?? null;
    return {
      ms: end - start, longestTask: Math.max(0, ...during.map(t => t.duration)), longTasks: during.length, latest: latest(),
      readBack: measured('read-back + enqueue'), upload: measured('upload')
    };
  }, [change, run, before, LATEST]).catch(async error => {
    await explain(page);
    throw error;
  });
}

async function archive(browser) {
  const root = env('BENCH_LAB_ROOT');
  const page = await openLab(browser, env('BENCH_LAB_URL'));
  const results = {};
  for (const [label, size] of Object.entries(SIZES)) {
    const path = `bench-lab-${size}.ipynb`;
    writeNotebook(join(root, path), size);
    await openNotebook(page, path);
    const runs = [];
    let latest = await shownLatest(page);
    // Run 0 warms up (the wasm is fetched on first use) and is left out.
    for (let run = 0; run <= runsFor(size); run++) {
      const result = await saveAndWait(page, true, `${label} ${run}`, latest);
      latest = result.latest;
      if (run > 0) runs.push(result);
    }
    results[label] = {
      median: median(runs.map(r => r.ms)), runs: runs.map(r => r.ms),
      readBack: median(runs.map(r => r.readBack)), upload: median(runs.map(r => r.upload)),
      longestTask: Math.max(...runs.map(r => r.longestTask)), longestTaskMedian: median(runs.map(r => r.longestTask))
    };
    log('extension archive', label, JSON.stringify(results[label]));
    await page.evaluate(() => window.jupyterapp.commands.execute('docmanager:close-all', {}).catch(() => {}));
  }
  record('extension', results);
  await page.context().close();
}

/** The extension's requests for a changed save and an unchanged one, through the counting proxy. */
async function cost(browser) {
  const url = env('BENCH_LAB_URL');
  const setting = `${url}lab/api/settings/jupyterlab-bookstore:plugin`;
  const raw = JSON.parse((await (await fetch(setting)).json()).raw);
  const put = changes => fetch(setting, { method: 'PUT', body: JSON.stringify({ raw: JSON.stringify({ ...raw, ...changes }) }) });
  await put({ endpoint: env('BENCH_PROXY_URL') });
  try {
    const path = 'bench-lab-cost.ipynb';
    writeNotebook(join(env('BENCH_LAB_ROOT'), path), 100_000);
    const page = await openLab(browser, url);
    await openNotebook(page, path);
    const first = await saveAndWait(page, true, 'first', await shownLatest(page));
    // Seen on Ceph RGW: right after two PUTs of one key within the same second, a HEAD may still
    // describe the older one, so a save of unchanged content made a version. Keep the saves apart.
    await page.waitForTimeout(1500);
    const key = `workspace/${path}`;
    const result = {};
    for (const kind of ['changed', 'unchanged']) {
      const before = s3py('stored', key);
      await proxyCounts(true);
      await saveAndWait(page, kind === 'changed', 'second', first.latest);
      // Requests the save still causes after the panel updated (none expected; wait to be sure).
      await page.waitForTimeout(1500);
      const counts = await proxyCounts();
      const after = s3py('stored', key);
      result[kind] = { requests: counts, newVersions: after.versions - before.versions, bytesStored: after.bytes - before.bytes };
    }
    log('extension cost', JSON.stringify(result));
    record('cost', { extension: result });
    await page.context().close();
  } finally {
    await put({});
  }
}

const browser = await launch();
try {
  const only = process.argv[2];
  if (!only || only === 'startup') await startup(browser);
  if (!only || only === 'archive') await archive(browser);
  if (!only || only === 'cost') await cost(browser);
} finally {
  await browser.close();
}
