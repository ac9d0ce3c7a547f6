// End-to-end tests in Debian's Chromium (no browser download here), against the JupyterLab that
// tests/e2e starts with the extension configured for a real S3 server.
const { defineConfig } = require('@playwright/test');

module.exports = defineConfig({
  testDir: './tests',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: process.env.BOOKSTORE_ARTIFACTS ? `${process.env.BOOKSTORE_ARTIFACTS}/playwright` : 'test-results',
  use: {
    baseURL: process.env.BOOKSTORE_LAB_URL,
    // A click that cannot happen fails with its locator, not at the end of a long test's time.
    actionTimeout: 30_000,
    video: 'off',
    trace: 'off',
    screenshot: 'only-on-failure',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    }
  }
});
