// Workload 8: the notebook diff. Two notebooks of 500 cells (5 MB: code, text outputs, images) whose
// versions differ in 10% of the cells; diffed by the crate's diff wasm in Chromium (as Compare does)
// and by nbdime's Python diff_notebooks on the same machine (its time without nbformat's reading of the
// files, which is reported apart; the wasm's time includes its own parsing of the two texts). Also the diff module's payload, gzipped,
// beside the S3 client's. Needs nothing but the built wasm (lab-extension/src/wasm-diff) and nbdime.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { OUT, RUNS, here, launch, log, median, record } from './common.mjs';

const CELLS = 500;
const TARGET_BYTES = 5_000_000;
const WASM_DIFF = join(here, '..', 'lab-extension', 'src', 'wasm-diff');
const WASM_CLIENT = join(here, '..', 'lab-extension', 'src', 'wasm');

/** A deterministic pseudo-random sequence (the same notebooks every run). */
function random(seed) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Cell `i` of the older notebook: code with a text output, every tenth with an image output. */
function cell(i, padding, rand) {
  const lines = Array.from({ length: 8 }, (_, n) => `value_${i}_${n} = compute(${Math.floor(rand() * 1000)}, "${i}")\n`);
  const outputs = [{ output_type: 'stream', name: 'stdout', text: [`result ${i}: ${rand()}\n`] }];
  if (i % 10 === 0) {
    outputs.push({ output_type: 'display_data', data: { 'image/png': padding.slice(0, 60_000) }, metadata: {} });
  }
  return { id: `cell-${i}`, cell_type: 'code', execution_count: i + 1, metadata: {}, outputs, source: lines };
}

/** The older and newer notebooks: every tenth cell edited (a word in a line, and its output). */
function notebooks() {
  const rand = random(7);
  const padding = Buffer.from(Array.from({ length: 45_000 }, () => Math.floor(rand() * 256))).toString('base64');
  const older = { cells: [], metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } }, nbformat: 4, nbformat_minor: 5 };
  for (let i = 0; i < CELLS; i++) {
    older.cells.push(cell(i, padding, rand));
  }
  // Pad the text outputs until the notebook is 5 MB.
  const size = () => JSON.stringify(older).length;
  for (let i = 0; size() < TARGET_BYTES; i = (i + 1) % CELLS) {
    older.cells[i].outputs[0].text.push(`${'log line '.repeat(8)}${i}\n`);
  }
  const newer = JSON.parse(JSON.stringify(older));
  for (let i = 5; i < CELLS; i += 10) {
    const c = newer.cells[i];
    c.source[3] = c.source[3].replace('compute', 'estimate');
    c.outputs[0].text[0] = `result ${i}: changed\n`;
  }
  return [older, newer].map(nb => JSON.stringify(nb, null, 1));
}

function serve(root) {
  const server = createServer((request, response) => {
    const name = new URL(request.url, 'http://x').pathname.slice(1);
    let body;
    try {
      body = readFileSync(join(root, name || 'index.html'));
    } catch {
      response.writeHead(404).end();
      return;
    }
    const type = name.endsWith('.wasm') ? 'application/wasm' : name.endsWith('.js') ? 'text/javascript' : 'text/html';
    response.writeHead(200, { 'content-type': type }).end(body);
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The crate's diff in Chromium: RUNS timed runs after a warm-up, each from the two texts to the diff. */
async function wasmRuns(older, newer) {
  const root = join(OUT, 'diff-page');
  mkdirSync(root, { recursive: true });
  for (const name of ['bookstore_diff.js', 'bookstore_diff_bg.wasm']) {
    writeFileSync(join(root, name), readFileSync(join(WASM_DIFF, name)));
  }
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>diff bench</title>');
  const server = await serve(root);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    return await page.evaluate(
      async ([a, b, runs]) => {
        const module = await import('/bookstore_diff.js');
        await module.default({ module_or_path: '/bookstore_diff_bg.wasm' });
        const times = [];
        let result = null;
        for (let run = 0; run <= runs; run++) {
          const started = performance.now();
          result = JSON.parse(module.diffNotebooks(a, b, false, false, false));
          if (run > 0) times.push(performance.now() - started);
        }
        return { runs: times, entries: result.diff.length, changed: result.summary.cells.filter(c => c.status !== 'unchanged').length };
      },
      [older, newer, RUNS]
    );
  } finally {
    await browser.close();
    server.close();
  }
}

function gzipped(dir, lib) {
  return [`${lib}_bg.wasm`, `${lib}.js`].reduce((sum, name) => sum + gzipSync(readFileSync(join(dir, name)), { level: 9 }).length, 0);
}

const [older, newer] = notebooks();
const files = [join(OUT, 'diff-older.ipynb'), join(OUT, 'diff-newer.ipynb')];
writeFileSync(files[0], older);
writeFileSync(files[1], newer);
log(`diff: two notebooks of ${CELLS} cells, ${(older.length / 1e6).toFixed(1)} MB, 10% of cells changed`);
const ours = await wasmRuns(older, newer);
// nbdime 4.0.4 is in the venv scripts/setup makes for it.
const python = process.env.BENCH_NBDIME_PYTHON || join(here, '..', '.tmp', 'nbdime-venv', 'bin', 'python');
const nbdime = JSON.parse(execFileSync(python, [join(here, 'diff_nbdime.py'), ...files, String(RUNS)], { encoding: 'utf8' }));
const result = {
  cells: CELLS,
  bytes: older.length,
  changedCells: ours.changed,
  ours: { median: median(ours.runs), runs: ours.runs, entries: ours.entries },
  nbdime: { median: median(nbdime.runs), runs: nbdime.runs, readMedian: median(nbdime.reads), entries: nbdime.entries },
  payload: { diff: gzipped(WASM_DIFF, 'bookstore_diff'), client: gzipped(WASM_CLIENT, 'bookstore') }
};
record('diff', result);
log(`diff: wasm ${result.ours.median.toFixed(0)} ms, nbdime ${result.nbdime.median.toFixed(0)} ms ` +
  `(ratio ${(result.ours.median / result.nbdime.median).toFixed(3)}); payload gzipped: diff ${result.payload.diff} B, client ${result.payload.client} B`);
