// The history at the level of the best tools, in a real JupyterLab and browser against Ceph RGW: two
// versions compared by the crate's diff (its own wasm, loaded on first use), named versions that every
// collaborator sees, tagged for retention, and what the bucket keeps.
const { execFileSync } = require('child_process');
const path = require('path');

const {
  configureTestServer,
  editAndSave,
  expect,
  newPage,
  notebookOf,
  openHistory,
  openNotebook,
  putNotebook,
  s3peek,
  test,
  versionAction
} = require('./helpers');

const ARTIFACTS = process.env.BOOKSTORE_ARTIFACTS;
const BUCKET = process.env.BOOKSTORE_TEST_BUCKET;

test.describe.configure({ mode: 'serial' });

/** A PNG of 8×8 pixels of one colour, base64 (made by Python's zlib: a real image a browser decodes). */
function png(r, g, b) {
  const script = `
import base64, struct, sys, zlib
r, g, b = map(int, sys.argv[1:])
chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
rows = b"".join(b"\\0" + bytes([r, g, b]) * 8 for _ in range(8))
ihdr = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
print(base64.b64encode(b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")).decode())
`;
  return execFileSync('python3', ['-c', script, String(r), String(g), String(b)], { encoding: 'utf8' }).trim();
}

/** A notebook whose one code cell holds `source` and shows `image` as its output. */
function withImage(source, image, executionCount) {
  const notebook = notebookOf(source);
  notebook.cells[0].id = 'plot-cell';
  notebook.cells[0].execution_count = executionCount;
  notebook.cells[0].outputs = [{ output_type: 'display_data', data: { 'image/png': image }, metadata: {} }];
  return notebook;
}

const rowsOf = panel => panel.locator('.jp-bookstore-version[data-scope="workspace"]');

test('two versions compared: the changed word marked, both images side by side, outputs and execution counts ignored on demand', async ({
  page,
  request
}) => {
  await configureTestServer(request);
  const file = 'compare-two.ipynb';
  const older = withImage('animal = "cat"\nshow(animal)', png(220, 30, 30), 1);
  const newer = withImage('animal = "dog"\nshow(animal)', png(30, 30, 220), 2);
  await putNotebook(request, file, newer);
  // Two versions as S3 holds them (stored by another client): the panel lists what S3 has.
  s3peek('put-text', BUCKET, `workspace/${file}`, JSON.stringify(older));
  s3peek('put-text', BUCKET, `workspace/${file}`, JSON.stringify(newer));
  await openNotebook(page, file);
  const panel = await openHistory(page);
  const rows = rowsOf(panel);
  await expect(rows).toHaveCount(2);

  // The diff's wasm is not part of the page until a comparison asks for it: comparing fetches a new one.
  const wasm = new Set();
  page.context().on('request', r => r.url().endsWith('.wasm') && wasm.add(r.url()));
  const loadedBefore = new Set(wasm);
  await rows.nth(0).getByRole('checkbox').check();
  await rows.nth(1).getByRole('checkbox').check();
  await panel.getByRole('button', { name: 'Compare the two selected versions' }).click();

  const view = page.locator('.jp-bookstore-compare:visible');
  await expect(view.locator('.jp-bookstore-compare-summary')).toHaveText('1 changed, 0 added, 0 removed cells');
  expect([...wasm].filter(url => !loadedBefore.has(url))).toHaveLength(1);
  const cell = view.locator('.jp-bookstore-compare-cell[data-status="changed"]');
  // The line is shown removed and added, with only the word that changed marked in each.
  await expect(cell.locator('.jp-bookstore-compare-line.jp-mod-removed mark')).toHaveText(['cat']);
  await expect(cell.locator('.jp-bookstore-compare-line.jp-mod-added mark')).toHaveText(['dog']);
  await expect(cell.locator('.jp-bookstore-compare-line.jp-mod-same')).toHaveText(['  show(animal)']);
  // Both images, older on the left, each decoded by the browser (untrusted rendering still shows images).
  const images = cell.locator('.jp-bookstore-compare-side img');
  await expect(images).toHaveCount(2);
  await expect.poll(() => images.evaluateAll(all => all.map(img => img.naturalWidth))).toEqual([8, 8]);
  const sources = await images.evaluateAll(all => all.map(img => img.src));
  expect(sources[0]).toContain(older.cells[0].outputs[0].data['image/png'].slice(0, 40));
  expect(sources[1]).toContain(newer.cells[0].outputs[0].data['image/png'].slice(0, 40));
  await expect(cell.locator('.jp-bookstore-compare-label')).toContainText('outputs changed');
  await page.screenshot({ path: path.join(ARTIFACTS, 'compare-two-versions.png') });

  await view.getByLabel('Ignore outputs').check();
  // The source change stays; the image change is gone.
  await expect(cell.locator('.jp-bookstore-compare-line.jp-mod-added mark')).toHaveText(['dog']);
  await expect(cell.locator('img')).toHaveCount(0);
  await expect(cell.locator('.jp-bookstore-compare-label')).not.toContainText('outputs changed');

  // Execution counts are ignored unless asked for.
  const label = cell.locator('.jp-bookstore-compare-label');
  await expect(label).not.toContainText('execution count changed');
  await view.getByLabel('Ignore execution counts').uncheck();
  await expect(label).toContainText('execution count changed');
  await expect(cell.locator('.jp-bookstore-compare-line.jp-mod-added mark')).toHaveText(['dog']);

  // Unchanged cells are hidden by default and shown on demand.
  await view.getByLabel('Hide unchanged cells').uncheck();
  await expect(view.locator('.jp-bookstore-compare-cell')).toHaveCount(1);
});

test('a named version keeps its name after a reload and in another browser, and is tagged to be kept', async ({
  page,
  browser,
  request
}) => {
  await configureTestServer(request, { tagVersions: true });
  const file = 'named.ipynb';
  await putNotebook(request, file, notebookOf('first draft'));
  await openNotebook(page, file);
  await editAndSave(page, 'draft for the reviewers');
  await editAndSave(page, 'after review');
  const panel = await openHistory(page);
  const rows = rowsOf(panel);
  await expect(rows).toHaveCount(2);

  await versionAction(rows.nth(1), /^Name the version/);
  const dialog = page.locator('.jp-Dialog');
  await dialog.locator('input').fill('sent to reviewers');
  await dialog.getByRole('button', { name: 'Name' }).click();
  await expect(rows.nth(1).locator('.jp-bookstore-version-name')).toHaveText('sent to reviewers');
  // In S3: the named version is tagged to be kept, the other as an automatic one (set by the browser).
  const tags = JSON.parse(s3peek('tags', `workspace/${file}`)).versions.map(v => v.tags['bookstore-retention']);
  expect(tags).toEqual(['auto', 'named']);

  await page.reload();
  const again = await openHistory(page);
  await expect(rowsOf(again).nth(1).locator('.jp-bookstore-version-name')).toHaveText('sent to reviewers');
  // Filtered by name, only it is listed.
  await again.getByLabel('Filter versions by name').fill('REVIEWERS');
  await expect(rowsOf(again)).toHaveCount(1);
  await again.getByLabel('Filter versions by name').fill('no such name');
  await expect(rowsOf(again)).toHaveCount(0);

  const other = await newPage(browser);
  await openNotebook(other, file);
  const theirs = await openHistory(other);
  await expect(rowsOf(theirs).nth(1).locator('.jp-bookstore-version-name')).toHaveText('sent to reviewers');
  await other.screenshot({ path: path.join(ARTIFACTS, 'named-version.png') });
  await other.context().close();

  // "Check Bookstore bucket" tells what the bucket keeps: no lifecycle rule here, and this history's size.
  await page.keyboard.press('Control+Shift+C');
  await page.locator('.lm-CommandPalette-input').fill('Check Bookstore bucket');
  await page.locator('.lm-CommandPalette-item', { hasText: 'Check Bookstore bucket' }).first().click();
  const ready = page.locator('.Toastify__toast', { hasText: 'keeps every version' }).last();
  await ready.getByRole('button', { name: 'Retention' }).click();
  const report = page.locator('.jp-Dialog');
  await expect(report).toContainText('Lifecycle rules: none. Every version is kept for ever.');
  await expect(report).toContainText(/named\.ipynb holds 2 versions, [\d.]+ K?B in all\./);
  await report.getByRole('button', { name: 'Close' }).click();
  await configureTestServer(request);
});
