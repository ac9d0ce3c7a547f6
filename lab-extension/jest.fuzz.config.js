// Property-based fuzzing of the notebook checks: not part of `npx jest` (CI); `crate/fuzz/run SECONDS`
// runs it before a release with FUZZ_SECONDS set.
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/src/**/__fuzz__/**/*.fuzz.ts'],
  // @jupyter/ydoc (JupyterLab's notebook model, the oracle) and its dependencies ship ES modules only.
  transform: { '^.+\\.[jt]sx?$': ['ts-jest', { tsconfig: { esModuleInterop: true, strict: true, allowJs: true } }] },
  transformIgnorePatterns: ['/node_modules/(?!(@jupyter/ydoc|@lumino|yjs|lib0|y-protocols)/)']
};
