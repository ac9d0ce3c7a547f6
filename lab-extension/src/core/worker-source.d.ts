/** The bundled Web Worker script (lib/core/worker-source.js, written by scripts/bundle-worker.js). */
declare const source: string;
export default source;
