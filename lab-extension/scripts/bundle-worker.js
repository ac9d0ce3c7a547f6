// Bundles lib/core/worker.js (the wasm client's Web Worker, with comlink and the wasm-bindgen glue) into one
// script and writes it as a string module, lib/core/worker-source.js, that backend.ts starts from a Blob URL.
// Why not `new Worker(new URL('./worker.js', import.meta.url))`: JupyterLab's two builders (the
// prebuilt extension's webpack and `jupyter labextension install`'s app build) wrap such a worker in
// their module-federation runtime, and the app build's wrapper does not start in a worker. A string is
// the same to both. The .wasm is not bundled: the page passes its URL (an asset of either build).
const path = require('path');
const fs = require('fs');
const webpack = require('webpack');

const lib = path.join(__dirname, '..', 'lib');
const compiler = webpack({
  mode: 'production',
  target: 'webworker',
  entry: path.join(lib, 'core', 'worker.js'),
  output: { path: path.join(lib, '.worker-bundle'), filename: 'worker.js', iife: true },
  // The glue's default `new URL('bookstore_bg.wasm', import.meta.url)` is never used (see above):
  // leave it alone, and keep the build machine's path out of the bundle.
  module: { parser: { javascript: { url: false } } },
  plugins: [new webpack.DefinePlugin({ 'import.meta.url': JSON.stringify('about:blank') })],
  optimization: { splitChunks: false },
  performance: { hints: false },
  devtool: false
});
compiler.run((error, stats) => {
  if (error || stats.hasErrors()) {
    console.error(error || stats.toString('errors-only'));
    process.exit(1);
  }
  const code = fs.readFileSync(path.join(lib, '.worker-bundle', 'worker.js'), 'utf8');
  fs.writeFileSync(path.join(lib, 'core', 'worker-source.js'), `export default ${JSON.stringify(code)};\n`);
  fs.rmSync(path.join(lib, '.worker-bundle'), { recursive: true });
  compiler.close(() => console.log(`lib/core/worker-source.js: ${code.length} bytes`));
});
