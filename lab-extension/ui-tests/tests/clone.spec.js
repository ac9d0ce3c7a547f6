// Where a clone lands and what it starts: a notebook cloned with "Clone notebook from S3…" while the file
// browser shows a sub-folder lands in that folder, and opens without starting a kernel (a clone is read
// before it is run; each clone used to start one).

const { configureTestServer, expect, s3peek, test } = require('./helpers');

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
  // A key alone is read in the configured bucket.
  await dialog.locator('input[name="location"]').fill('published/quarterly.ipynb');
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

test('the clone dialog takes a whole s3:// URI with a version, checks it while typing, and keeps it on a failure', async ({
  page,
  request
}) => {
  await configureTestServer(request);
  s3peek('put-text', BUCKET, 'published/versioned.ipynb', JSON.stringify(notebook));
  const [oldest] = JSON.parse(s3peek('versions', 'published/versioned.ipynb')).versions.slice(-1);
  s3peek('put', BUCKET, 'published/versioned.ipynb');
  await page.goto('lab');
  const askClone = async () => {
    await page.locator('.lm-MenuBar-itemLabel', { hasText: /^File$/ }).click();
    await page.getByRole('menuitem', { name: 'Clone notebook from S3…' }).click();
    return page.locator('.jp-Dialog');
  };
  let dialog = await askClone();
  const location = dialog.locator('input[name="location"]');
  const problem = dialog.locator('.jp-bookstore-form-error');
  const clone = dialog.getByRole('button', { name: 'Clone' });
  await expect(clone).toBeDisabled();
  await location.fill(`s3://${BUCKET}/../etc/passwd`);
  await expect(problem).toContainText('contains a `.` or `..` segment');
  await expect(clone).toBeDisabled();

  // A key that does not exist: the dialog comes back with the text and the reason.
  const missing = `s3://${BUCKET}/published/no-such-notebook.ipynb`;
  await location.fill(missing);
  await expect(problem).toHaveText('');
  await clone.click();
  dialog = page.locator('.jp-Dialog');
  await expect(dialog.locator('input[name="location"]')).toHaveValue(missing);
  await expect(dialog.locator('.jp-bookstore-form-error')).toContainText('Nothing is stored at');

  // The whole URI of the oldest version, in one field.
  await dialog
    .locator('input[name="location"]')
    .fill(`s3://${BUCKET}/published/versioned.ipynb?versionId=${oldest.versionId}`);
  await dialog.getByRole('button', { name: 'Clone' }).click();
  await expect(page.locator('.lm-DockPanel-tabBar .lm-mod-current')).toContainText('versioned.ipynb');
  await expect(page.locator('.jp-NotebookPanel:visible .jp-Cell').first()).toContainText('print("cloned")');
});
