// Bundles the peers with esbuild and measures payload sizes (workload 1), and builds the bench page.
// Usage: node bench/bundle.mjs OUT PRODUCT_WASM_DIR BENCH_WASM_DIR; writes OUT/sizes.json and OUT/page/.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const [out, productWasm, benchWasm] = process.argv.slice(2);
const here = new URL('.', import.meta.url).pathname;
// Level 9, as crate/build-wasm reports (gzip -9).
const gzipped = file => gzipSync(readFileSync(file), { level: 9 }).length;

async function bundle(entry, outfile, minify) {
  await build({
    entryPoints: [join(here, 'entries', entry)], outfile, bundle: true, minify, platform: 'browser',
    format: 'esm', target: 'es2022', logLevel: 'error'
  });
  return outfile;
}

const sizes = {};
for (const [name, entry] of [['sdk', 'sdk-size.js'], ['aws4fetch', 'aws4fetch-size.js']]) {
  const file = await bundle(entry, join(out, 'size', `${name}.js`), true);
  sizes[name] = { raw: readFileSync(file).length, gzip: gzipped(file) };
}
const wasmFile = join(productWasm, 'bookstore_bg.wasm');
const glueFile = join(productWasm, 'bookstore.js');
sizes.ours = {
  raw: readFileSync(wasmFile).length + readFileSync(glueFile).length,
  gzip: gzipped(wasmFile) + gzipped(glueFile),
  wasmGzip: gzipped(wasmFile),
  glueGzip: gzipped(glueFile)
};
writeFileSync(join(out, 'sizes.json'), JSON.stringify(sizes, null, 2));

const page = join(out, 'page');
mkdirSync(page, { recursive: true });
await bundle('page.js', join(page, 'page.js'), false);
cpSync(productWasm, join(page, 'wasm'), { recursive: true });
cpSync(benchWasm, join(page, 'bench-wasm'), { recursive: true });
writeFileSync(join(page, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="page.js"></script>\n');
console.log(JSON.stringify(sizes));
