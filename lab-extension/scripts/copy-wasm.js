// tsc compiles only .ts: copy the wasm-bindgen output (JS glue and .wasm) next to the compiled code,
// where webpack finds `new URL('…_bg.wasm', import.meta.url)` and emits the wasm as an asset. Two
// modules: the S3 client (src/wasm) and the notebook diff (src/wasm-diff, loaded on first Compare).
const fs = require('fs');
const path = require('path');

for (const [dir, lib] of [
  ['wasm', 'bookstore'],
  ['wasm-diff', 'bookstore_diff']
]) {
  const from = path.join(__dirname, '..', 'src', dir);
  const to = path.join(__dirname, '..', 'lib', dir);
  if (!fs.existsSync(path.join(from, `${lib}_bg.wasm`))) {
    console.error(`src/${dir} is empty: run \`npm run build:wasm\` first.`);
    process.exit(1);
  }
  fs.mkdirSync(to, { recursive: true });
  for (const name of [`${lib}.js`, `${lib}.d.ts`, `${lib}_bg.wasm`]) {
    fs.copyFileSync(path.join(from, name), path.join(to, name));
  }
}
