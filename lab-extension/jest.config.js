// Unit tests cover the logic modules that do not touch the DOM (queue, naming, settings, messages).
// JupyterLab's packages ship ES modules, which Jest (CommonJS) must transform like our sources.
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/__tests__/**/*.spec.ts'],
  transform: {
    '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: { esModuleInterop: true, strict: true, allowJs: true } }]
  },
  transformIgnorePatterns: ['/node_modules/(?!(@jupyterlab|@lumino)/)']
};
