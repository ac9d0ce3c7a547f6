// Where a clone lands and what it starts: a notebook cloned with "Clone notebook from S3…" while the file
// browser shows a sub-folder lands in that folder, and opens without starting a kernel (a clone is read
// before it is run; each clone used to start one).
const { test, expect } = require('@playwright/test');

const { configureTestServer, s3peek } = require('./helpers');

const BUCKET = process.env.BOOKSTORE_TEST_BUCKET;
const FOLDER = 'team/reports';

const notebook = {
  cells: [{ cell_type: 'code', execution_count: null, id: 'a', metadata: {}, outputs: [], source: 'print("cloned")' }],
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  nbformat: 4,
  nbformat_minor: 5
};

async function kernels(request) {
  return (await (await request.get('api/kernels')).json()).length;
}

test("a clone lands in the file browser's folder and starts no kernel", async ({ page, request }) => {
  await configureTestServer(request);
  s3peek('put-text', BUCKET, 'published/quarterly.ipynb', JSON.stringify(notebook));
  for (const dir of ['team', FOLDER]) {
    expect((await request.put(`api/contents/${dir}`, { data: { type: 'directory' } })).ok()).toBeTruthy();
  }
  await page.goto(`lab/tree/${FOLDER}`);
  await expect(page.locator('.jp-FileBrowser-crumbs')).toContainText('reports');
  const before = await kernels(request);

  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^File$/ }).click();
  await page.getByRole('menuitem', { name: 'Clone notebook from S3…' }).click();
  const dialog = page.locator('.jp-Dialog');
  await dialog.locator('input[name="key"]').fill('published/quarterly.ipynb');
  await dialog.getByRole('button', { name: 'Clone' }).click();

  await expect(page.locator('.lm-DockPanel-tabBar .lm-mod-current')).toContainText('quarterly.ipynb');
  expect((await request.get(`api/contents/${FOLDER}/quarterly.ipynb`)).ok()).toBeTruthy();
  expect((await request.get('api/contents/quarterly.ipynb')).status()).toBe(404);
  await expect(page.locator('.jp-NotebookPanel:visible .jp-Cell').first()).toContainText('print("cloned")');
  // Once the notebook's session has settled: no kernel (while it starts one it says "Initializing").
  await expect(page.locator('#jp-main-statusbar').getByText('No Kernel | Unknown', { exact: true })).toBeVisible();
  await expect(page.locator('.jp-NotebookPanel:visible .jp-Toolbar-kernelName')).toHaveText('No Kernel');
  await page.screenshot({ path: require('path').join(process.env.BOOKSTORE_ARTIFACTS, 'clone-no-kernel.png') });
  expect(await kernels(request)).toBe(before);
});
