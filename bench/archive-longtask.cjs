#!/usr/bin/env node
// Benchmark: the longest main-thread task while a big notebook is archived. Opens NAME in the running
// JupyterLab (BOOKSTORE_LAB_URL, serving BOOKSTORE_NOTEBOOKS), saves it RUNS times with a change, and
// records PerformanceObserver `longtask` entries and the extension's `bookstore:*` User Timing
// measures from the save's completion to the `bookstore:archived` mark.
//   node bench/archive-longtask.cjs [MEGABYTES=50] [RUNS=3]   (run by bench/archive-longtask)
// Prints one JSON line per run and a summary. No pass/fail: the numbers are the result.
const { chromium } = require('playwright-core');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const megabytes = Number(process.argv[2] || 50);
const runs = Number(process.argv[3] || 3);
const name = `bench-${megabytes}mb.ipynb`;

/** A notebook of about `megabytes` MB: a small code cell and a big PNG-like output (base64). */
function writeNotebook(file) {
  const data = crypto.randomBytes(Math.floor((megabytes * 1e6 * 3) / 4)).toString('base64');
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    cells: [
      { cell_type: 'code', id: 'c1', metadata: {}, execution_count: null, outputs: [], source: 'x = 1' },
      {
        cell_type: 'markdown',
        id: 'c2',
        metadata: { 'bench-payload': data },
        source: 'The payload sits in cell metadata, which JupyterLab does not render.'
      }
    ]
  };
  fs.writeFileSync(file, JSON.stringify(notebook, null, 1));
  return fs.statSync(file).size;
}

/**
 * What the renderer's main thread did in each task over 50 ms of a Chrome trace: the longest events
 * inside it (script by URL, GC, layout...). Only with BENCH_TRACE=1.
 */
function explainLongTasks(trace) {
  const events = JSON.parse(trace.toString()).traceEvents;
  const main = events.find(e => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
  const onMain = events.filter(e => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur);
  const label = e => {
    const data = (e.args && (e.args.data || e.args.beginData)) || {};
    const url = data.url || (data.stackTrace && data.stackTrace[0] && data.stackTrace[0].url) || '';
    return `${e.name}${url ? ` ${url.split('/').pop().split('?')[0]}` : ''}${data.functionName ? ` ${data.functionName}` : ''}`;
  };
  return onMain
    .filter(e => e.name === 'RunTask' && e.dur > 50_000)
    .map(task => {
      const inside = onMain.filter(e => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e.dur > 5_000);
      const parts = inside.sort((a, b) => b.dur - a.dur).slice(0, 4).map(e => `${label(e)} ${Math.round(e.dur / 1000)} ms`);
      return `${Math.round(task.dur / 1000)} ms: ${parts.join('; ')}`;
    });
}

(async () => {
  const size = writeNotebook(path.join(process.env.BOOKSTORE_NOTEBOOKS, name));
  // Debian's Chromium, as every benchmark and test here runs it (bench/common.mjs).
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking']
  });
  const page = await browser.newPage({ baseURL: process.env.BOOKSTORE_LAB_URL, viewport: { width: 1280, height: 900 } });
  page.on('console', message => message.type() === 'error' && console.error(`page: ${message.text()}`));
  page.on('response', response => response.status() >= 400 && console.error(`page: ${response.status()} ${response.url()}`));
  page.on('pageerror', error => console.error(`page: ${error}`));
  // A workspace of its own, so that no notebook an earlier run left open is restored.
  await page.goto(`lab/workspaces/bench-${Date.now()}/tree/${name}`);
  const editor = page.locator('.jp-NotebookPanel:visible .jp-Cell .cm-content').first();
  await editor.waitFor({ timeout: 120_000 });
  await page.waitForTimeout(3000);
  for (const dialog of await page.locator('.jp-Dialog').all()) {
    // Whatever JupyterLab asks at start-up (a kernel, say) is not what is measured.
    console.error(`closing dialog: ${(await dialog.innerText()).replace(/\s+/g, ' ')}`);
    await page.keyboard.press('Escape');
  }
  await page.evaluate(() => {
    window.benchLongTasks = [];
    new PerformanceObserver(list => window.benchLongTasks.push(...list.getEntries().map(e => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask' });
  });
  const results = [];
  for (let run = 1; run <= runs; run++) {
    await page.evaluate(() => performance.clearMarks() || performance.clearMeasures());
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`x = ${run} + ${Date.now()}`);
    if (process.env.BENCH_TRACE) {
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute'] });
    }
    await page.keyboard.press('Control+S');
    await page.waitForFunction(() => performance.getEntriesByName('bookstore:archived').length > 0, null, { timeout: 180_000, polling: 200 });
    await page.waitForTimeout(500); // let the observer deliver the last task
    results.push(
      await page.evaluate(() => {
        const saved = performance.getEntriesByName('bookstore:saved')[0].startTime;
        const archived = performance.getEntriesByName('bookstore:archived')[0].startTime;
        const tasks = window.benchLongTasks.filter(t => t.start + t.duration >= saved && t.start <= archived);
        const ours = performance.getEntriesByType('measure').filter(m => m.name.startsWith('bookstore:'));
        const measures = {};
        for (const m of ours) {
          measures[m.name.slice(10)] = Math.round(m.duration);
        }
        // Which step each long task fell in (the step whose measure overlaps it most).
        const during = t => {
          const overlap = m => Math.min(t.start + t.duration, m.startTime + m.duration) - Math.max(t.start, m.startTime);
          const best = ours.filter(m => overlap(m) > 0).sort((a, b) => overlap(b) - overlap(a))[0];
          return best ? best.name.slice(10) : 'outside our steps';
        };
        return {
          savedToArchivedMs: Math.round(archived - saved),
          longestTaskMs: Math.round(Math.max(0, ...tasks.map(t => t.duration))),
          longTasks: tasks.map(t => `${Math.round(t.duration)} ms in ${during(t)}`),
          measuresMs: measures
        };
      })
    );
    console.log(JSON.stringify({ run, fileBytes: size, ...results[results.length - 1] }));
    if (process.env.BENCH_TRACE) {
      for (const line of explainLongTasks(await browser.stopTracing())) {
        console.log(`  task ${line}`);
      }
    }
  }
  const longest = results.map(r => r.longestTaskMs);
  console.log(`longest task per run (ms): ${longest.join(', ')}; max ${Math.max(...longest)}`);
  await browser.close();
})().catch(error => {
  console.error(error);
  process.exit(1);
});
