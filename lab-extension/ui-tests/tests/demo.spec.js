// The demo as a newcomer meets it (tests/demo-check starts it the README's way): no error notification at
// start or from "Check Bookstore bucket", a save without changes makes no new version, and publishing the
// same file twice makes one published version. What S3 holds is read with boto3 (tests/s3peek.py).
const path = require('path');

const { editAndSave, expect, openNotebook, s3Versions, test } = require('./helpers');

const FILE = 'first look.ipynb';
const token = new URL(process.env.BOOKSTORE_DEMO_URL).searchParams.get('token');

const errorToasts = page => page.locator('.Toastify__toast--error');

/** "Check Bookstore bucket" from the command palette: it says the bucket is ready, and nothing else. */
async function checkBucket(page) {
  await page.keyboard.press('Control+Shift+C');
  const palette = page.locator('.lm-CommandPalette-input');
  await expect(palette).toBeFocused();
  await palette.fill('Check Bookstore bucket');
  await page.locator('.lm-CommandPalette-item', { hasText: 'Check Bookstore bucket' }).first().click();
  await expect(page.locator('.jp-toast-message', { hasText: 'keeps every version' }).last()).toBeVisible();
  await expect(errorToasts(page)).toHaveCount(0);
}

async function publish(page, expected) {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^File$/ }).click();
  await page.getByRole('menuitem', { name: 'Publish notebook' }).click();
  const dialog = page.locator('.jp-Dialog');
  // The kernel's start may have changed the notebook's metadata since the last save; a user saves.
  await expect(dialog).toContainText(/Notebook published|Already published|Save before publishing/);
  if (await dialog.getByRole('button', { name: 'Save and publish' }).isVisible()) {
    await dialog.getByRole('button', { name: 'Save and publish' }).click();
  }
  await expect(dialog).toContainText(expected);
  await dialog.getByRole('button', { name: 'Close' }).click();
}

test('the demo starts clean, keeps one version per change and one per publish', async ({ page, request }) => {
  await page.goto(process.env.BOOKSTORE_DEMO_URL);
  await expect(page.locator('.jp-bookstore-status')).toHaveText('Bookstore: idle');
  await expect(page.locator('.jp-Launcher')).toBeVisible();
  await checkBucket(page);

  const content = {
    cells: [{ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: '' }],
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    nbformat: 4,
    nbformat_minor: 5
  };
  const created = await request.put(`api/contents/${encodeURIComponent(FILE)}`, {
    headers: { authorization: `token ${token}` },
    data: { type: 'notebook', format: 'json', content }
  });
  expect(created.ok()).toBeTruthy();
  await openNotebook(page, FILE);
  await editAndSave(page, 'print("hello")');
  await expect(page.locator('.jp-bookstore-status')).toHaveText('Bookstore: idle');
  await page.locator('.jp-SideBar.jp-mod-right [title="Notebook versions (Bookstore)"]').click();
  const panel = page.locator('#jp-bookstore-history');
  const rows = scope => panel.locator(`.jp-bookstore-version[data-scope="${scope}"]`);
  await expect(rows('workspace')).toHaveCount(1);

  // Saved again without a change: the file is written, S3 gets no new version, and the panel says so.
  await page.locator('.jp-NotebookPanel:visible .jp-Cell .cm-content').first().click();
  await page.keyboard.press('Control+S');
  await expect(panel.locator('.jp-bookstore-history-unchanged')).toContainText('no new version');
  await expect(page.locator('.jp-bookstore-status')).toHaveText('Bookstore: idle');
  expect(s3Versions(`workspace/${FILE}`)).toHaveLength(1);

  await publish(page, 'Notebook published');
  await publish(page, 'Already published: no changes since');
  await expect(rows('published')).toHaveCount(1);
  expect(s3Versions(`published/${FILE}`)).toHaveLength(1);
  // With objects in the bucket, the check also reads a HEAD's headers.
  await checkBucket(page);
  await page.screenshot({ path: path.join(process.env.BOOKSTORE_ARTIFACTS, 'demo.png') });
});
