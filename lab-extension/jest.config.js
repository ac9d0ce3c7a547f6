// Unit tests cover the logic modules that do not touch the DOM or JupyterLab (queue, naming, settings).
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/__tests__/**/*.spec.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: { esModuleInterop: true, strict: true } }] }
};
