// Run against a JupyterLite site (tests/jupyterlite): no Jupyter server at all, the notebook lives in
// the browser's storage, and the extension is the same prebuilt one. The site ships `shipped.ipynb`;
// what gets archived must be the user's edited copy, not the shipped file.
const { test, expect } = require('@playwright/test');
const path = require('path');

const { s3Versions, sourceOf } = require('./helpers');

const NOTEBOOK = 'shipped.ipynb';

/** Answers the start-up dialogs, in whichever order they come: S3 credentials, then the kernel (none here). */
async function answerDialogs(page) {
  const dialog = page.locator('.jp-Dialog');
  for (let answered = 0; answered < 2; answered++) {
    await dialog.first().waitFor();
    const text = await dialog.first().textContent();
    if (text.includes('S3 credentials for this browser session')) {
      await dialog.locator('input[name="accessKeyId"]').fill(process.env.BOOKSTORE_TEST_ACCESS_KEY_ID);
      await dialog.locator('input[name="secretAccessKey"]').fill(process.env.BOOKSTORE_TEST_SECRET_ACCESS_KEY);
      await dialog.getByRole('button', { name: 'Use' }).click();
    } else {
      await expect(dialog.first()).toContainText('Select Kernel');
      await dialog.getByRole('button', { name: 'Select' }).click();
    }
    await expect(dialog).toHaveCount(0);
  }
}

test('in JupyterLite, each save of the edited notebook is archived and listed in the history panel', async ({ page }) => {
  await page.goto(`lab/index.html?path=${NOTEBOOK}`);
  await answerDialogs(page);
  const editor = page.locator('.jp-NotebookPanel .jp-Cell .cm-content').first();
  for (const n of [1, 2]) {
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`# JupyterLite, save ${n}`);
    await page.keyboard.press('Control+S');
    await expect.poll(() => s3Versions(`workspace/${NOTEBOOK}`).length, { timeout: 30_000 }).toBe(n);
  }
  const stored = s3Versions(`workspace/${NOTEBOOK}`);
  expect(stored.map(v => sourceOf(JSON.parse(v.body).cells[0]))).toEqual(['# JupyterLite, save 2', '# JupyterLite, save 1']);
  await expect(page.locator('.jp-bookstore-status')).toHaveText('Bookstore: idle');

  await page.locator('.jp-SideBar.jp-mod-right [title="Notebook versions (Bookstore)"]').click();
  const panel = page.locator('#jp-bookstore-history');
  await expect(panel.locator('.jp-bookstore-version[data-scope="workspace"]')).toHaveCount(2);
  await page.screenshot({ path: path.join(process.env.BOOKSTORE_ARTIFACTS, 'jupyterlite.png') });
});
