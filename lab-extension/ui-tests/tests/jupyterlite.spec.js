// Run against a JupyterLite site (tests/jupyterlite): no Jupyter server at all, the notebook lives in
// the browser's storage, and the extension is the same prebuilt one. The site ships `shipped.ipynb`;
// what gets archived must be the user's edited copy, not the shipped file.
const path = require('path');

const { expect, s3Versions, sourceOf, test, versionAction } = require('./helpers');

const NOTEBOOK = 'shipped.ipynb';

/** Types the S3 keys into the "session only" dialog, as a user of a public site does once per session. */
async function enterCredentials(page) {
  const dialog = page.locator('.jp-Dialog', { hasText: 'S3 credentials for this browser session' });
  await dialog.locator('input[name="accessKeyId"]').fill(process.env.BOOKSTORE_TEST_ACCESS_KEY_ID);
  await dialog.locator('input[name="secretAccessKey"]').fill(process.env.BOOKSTORE_TEST_SECRET_ACCESS_KEY);
  await dialog.getByRole('button', { name: 'Use' }).click();
  await expect(dialog).toHaveCount(0);
}

test('in JupyterLite, each save of the edited notebook is archived and listed, and a copied link clones a version', async ({
  page
}) => {
  // The site has no kernel: whenever JupyterLab asks for one, the answer is "No Kernel".
  const kernelDialog = page.locator('.jp-Dialog', { hasText: 'Select Kernel' });
  // Each opened notebook asks, so two can be stacked (the restored one and a clone).
  await page.addLocatorHandler(
    kernelDialog,
    async () => {
      while ((await kernelDialog.count()) > 0) {
        await kernelDialog.last().getByRole('button', { name: 'Select' }).click();
      }
    },
    { noWaitAfter: true }
  );
  await page.goto(`lab/index.html?path=${NOTEBOOK}`);
  await enterCredentials(page);
  const editor = page.locator('.jp-NotebookPanel .jp-Cell .cm-content').first();
  for (const n of [1, 2]) {
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`# JupyterLite, save ${n}`);
    await page.keyboard.press('Control+S');
    await expect.poll(() => s3Versions(`workspace/${NOTEBOOK}`).length, { timeout: 30_000 }).toBe(n);
  }
  const stored = s3Versions(`workspace/${NOTEBOOK}`);
  expect(stored.map(v => sourceOf(JSON.parse(v.body).cells[0]))).toEqual([
    '# JupyterLite, save 2',
    '# JupyterLite, save 1'
  ]);
  await expect(page.locator('.jp-bookstore-status')).toHaveText('Bookstore: idle');

  await page.locator('.jp-SideBar.jp-mod-right [title="Notebook versions (Bookstore)"]').click();
  const panel = page.locator('#jp-bookstore-history');
  await expect(panel.locator('.jp-bookstore-version[data-scope="workspace"]')).toHaveCount(2);
  await page.screenshot({ path: path.join(process.env.BOOKSTORE_ARTIFACTS, 'jupyterlite.png') });

  // The first save compared with the notebook as it is: no server computes the diff here.
  await versionAction(panel.locator('.jp-bookstore-version[data-scope="workspace"]').last(), 'Compare');
  const view = page.locator('.jp-bookstore-compare:visible');
  await expect(view.locator('.jp-bookstore-compare-summary')).toHaveText('1 changed, 0 added, 0 removed cells');
  await expect(view.locator('.jp-bookstore-compare-line.jp-mod-added mark')).toHaveText(['2']);
  await page.locator('.lm-DockPanel-tabBar .lm-mod-current .lm-TabBar-tabCloseIcon').click();

  // "Copy link" on the first save gives a link to this site that clones that version, after asking.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await versionAction(panel.locator('.jp-bookstore-version[data-scope="workspace"]').last(), 'Copy link');
  await expect(page.locator('.jp-toast-message', { hasText: 'Copied to the clipboard' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const prefix = new URL('/lab?bookstore-clone=s3%3A%2F%2F', page.url()).href;
  expect(link.slice(0, prefix.length)).toBe(prefix);
  await page.goto(link);
  await enterCredentials(page);
  const dialog = page.locator('.jp-Dialog', { hasText: 'Clone notebook from a link?' });
  await expect(dialog).toContainText('Clone only from locations you trust');
  await dialog.getByRole('button', { name: 'Clone' }).click();
  await expect(page.locator('.lm-DockPanel-tabBar').getByText('shipped-1.ipynb')).toBeVisible();
  await expect(page.locator('.jp-NotebookPanel:visible .jp-Cell .cm-content').first()).toHaveText(
    '# JupyterLite, save 1'
  );
});
