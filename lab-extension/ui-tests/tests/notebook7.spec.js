// Run against Notebook 7 (tests/notebook7): the extension needs no JupyterLab shell; saves are archived
// and the versions panel, in Notebook's right side panel, lists them.
const path = require('path');

const { expect, s3Versions, sourceOf, test } = require('./helpers');

const NOTEBOOK = 'notebook7.ipynb';

test('in Notebook 7, each save is archived and listed in the versions panel', async ({ page, request }) => {
  const content = {
    cells: [{ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: '# start' }],
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    nbformat: 4,
    nbformat_minor: 5
  };
  expect(
    (await request.put(`api/contents/${NOTEBOOK}`, { data: { type: 'notebook', format: 'json', content } })).ok()
  ).toBeTruthy();
  await page.goto(`notebooks/${NOTEBOOK}`);
  const editor = page.locator('.jp-Cell .cm-content').first();
  for (const n of [1, 2]) {
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`# notebook 7, save ${n}`);
    await page.keyboard.press('Control+S');
    await expect.poll(() => s3Versions(`workspace/${NOTEBOOK}`).length, { timeout: 30_000 }).toBe(n);
  }
  expect(s3Versions(`workspace/${NOTEBOOK}`).map(v => sourceOf(JSON.parse(v.body).cells[0]))).toEqual([
    '# notebook 7, save 2',
    '# notebook 7, save 1'
  ]);

  await page.keyboard.press('Control+Shift+C');
  await page.keyboard.type('Show notebook versions');
  await page.keyboard.press('Enter');
  const panel = page.locator('#jp-bookstore-history');
  await expect(panel).toBeVisible();
  const rows = panel.locator('.jp-bookstore-version[data-scope="workspace"]');
  await expect(rows).toHaveCount(2);
  await page.screenshot({ path: path.join(process.env.BOOKSTORE_ARTIFACTS, 'notebook7.png') });

  // The two versions compared, by the diff's own wasm, as in JupyterLab.
  await rows.nth(0).getByRole('checkbox').check();
  await rows.nth(1).getByRole('checkbox').check();
  await panel.getByRole('button', { name: 'Compare the two selected versions' }).click();
  const view = page.locator('.jp-bookstore-compare:visible');
  await expect(view.locator('.jp-bookstore-compare-summary')).toHaveText('1 changed, 0 added, 0 removed cells');
  await expect(view.locator('.jp-bookstore-compare-line.jp-mod-removed mark')).toHaveText(['1']);
  await expect(view.locator('.jp-bookstore-compare-line.jp-mod-added mark')).toHaveText(['2']);
  await page.screenshot({ path: path.join(process.env.BOOKSTORE_ARTIFACTS, 'notebook7-compare.png') });
});
