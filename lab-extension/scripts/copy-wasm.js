// tsc compiles only .ts: copy the wasm-bindgen output (JS glue and .wasm) next to the compiled code,
// where webpack finds `new URL('bookstore_bg.wasm', import.meta.url)` and emits the wasm as an asset.
const fs = require('fs');
const path = require('path');

const from = path.join(__dirname, '..', 'src', 'wasm');
const to = path.join(__dirname, '..', 'lib', 'wasm');
if (!fs.existsSync(path.join(from, 'bookstore_bg.wasm'))) {
  console.error('src/wasm is empty: run `npm run build:wasm` first.');
  process.exit(1);
}
fs.mkdirSync(to, { recursive: true });
for (const name of ['bookstore.js', 'bookstore.d.ts', 'bookstore_bg.wasm']) {
  fs.copyFileSync(path.join(from, name), path.join(to, name));
}
