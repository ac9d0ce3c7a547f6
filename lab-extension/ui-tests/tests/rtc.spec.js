// Real-time collaboration: two people (two browser contexts) in one notebook of the JupyterLab that
// tests/e2e starts with jupyter-collaboration, against RGW through the fault proxy. There the server
// writes the file, on a collaborator's Ctrl+S and on its own after each change; every explicit save must
// become one version, whoever made it, the server's own saves at most one version a minute (the setting
// of that JupyterLab), and the file's last content must reach S3.

const fs = require('fs');
const path = require('path');

const {
  archived,
  expect,
  fault,
  newContext,
  openHistory,
  s3Versions,
  save,
  selectNotebook,
  status,
  test
} = require('./helpers');

const RTC = process.env.BOOKSTORE_RTC_LAB_URL;
const NOTEBOOK = 'rtc.ipynb';
const KEY = `workspace/${NOTEBOOK}`;

/** The file as the server wrote it. */
const onDisk = () => fs.readFileSync(path.join(process.env.BOOKSTORE_RTC_ROOT, NOTEBOOK), 'utf8');
/** The first cell's source of the notebook on disk. */
const diskSource = () => [].concat(JSON.parse(onDisk()).cells[0].source).join('');

async function person(browser) {
  const context = await newContext(browser, { baseURL: RTC });
  const page = await context.newPage();
  await page.goto(`lab/tree/${NOTEBOOK}`);
  await selectNotebook(page, NOTEBOOK);
  await openHistory(page);
  await expect(page.locator('#jp-bookstore-history')).toContainText(NOTEBOOK);
  return page;
}

/** Replaces the first cell's text, as a collaborator typing. */
async function type(page, text) {
  await page.locator('.jp-NotebookPanel:visible .jp-Cell .cm-content').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

/** Types `text` and presses Ctrl+S; returns once the server wrote it. */
async function typeAndSave(page, text) {
  await type(page, text);
  await save(page);
  await expect.poll(diskSource, { timeout: 30_000 }).toBe(text);
}

/**
 * The number of versions once it stopped changing for 8 s (opening the notebook can make the server
 * write it again, normalized, and that write is archived like any other).
 */
async function settled() {
  let count = -1;
  for (let i = 0; i < 10; i++) {
    const now = s3Versions(KEY).length;
    if (now === count) {
      return count;
    }
    count = now;
    await new Promise(resolve => setTimeout(resolve, 8_000));
  }
  throw new Error('The versions of the notebook kept changing.');
}

/** The history panel's rows of the workspace versions. */
const rows = page => page.locator('#jp-bookstore-history .jp-bookstore-version[data-scope="workspace"]');

test.describe.serial('Real-time collaboration', () => {
  let a;
  let b;
  let before;

  test.beforeAll(async ({ browser, request }) => {
    await fault(request, 'pass');
    const setup = await browser.newContext({ baseURL: RTC });
    const created = await setup.request.put(`api/contents/${NOTEBOOK}`, {
      data: {
        type: 'notebook',
        format: 'json',
        content: {
          cells: [{ cell_type: 'code', execution_count: null, id: 'c', metadata: {}, outputs: [], source: '# start' }],
          metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
          nbformat: 4,
          nbformat_minor: 5
        }
      }
    });
    await setup.close();
    expect(created.ok()).toBeTruthy();
    a = await person(browser);
    b = await person(browser);
    before = await settled();
  });

  test.afterAll(async ({ request }) => {
    await fault(request, 'pass');
    await a?.context().close();
    await b?.context().close();
  });

  test('A saves: exactly one new version, the file on disk; both panels show it', async () => {
    await typeAndSave(a, '# A 1');
    await expect.poll(() => s3Versions(KEY).length).toBe(before + 1);
    // No second version of it, from the other tab or from the server's own save.
    await a.waitForTimeout(8_000);
    const versions = s3Versions(KEY);
    expect(versions).toHaveLength(before + 1);
    expect(versions[0].body).toBe(onDisk());
    for (const page of [a, b]) {
      await expect(rows(page)).toHaveCount(before + 1, { timeout: 15_000 });
    }
  });

  test('B saves, then A again: three versions in save order, none twice', async () => {
    await typeAndSave(b, '# B 1');
    await expect.poll(() => archived(KEY)[0]).toBe('# B 1');
    await typeAndSave(a, '# A 2');
    await expect.poll(() => archived(KEY)[0]).toBe('# A 2');
    await a.waitForTimeout(8_000);
    expect(archived(KEY).slice(0, 3)).toEqual(['# A 2', '# B 1', '# A 1']);
    expect(s3Versions(KEY)).toHaveLength(before + 3);
    for (const page of [a, b]) {
      await expect(rows(page)).toHaveCount(before + 3, { timeout: 15_000 });
      await expect(rows(page).first()).toHaveAttribute('aria-label', /latest/);
    }
  });

  test('both type for a minute without saving: at most two automatic versions, and the last text reaches S3', async () => {
    test.setTimeout(300_000);
    const start = s3Versions(KEY).length;
    const started = Date.now();
    for (let i = 1; Date.now() - started < 57_000; i++) {
      await type(i % 2 ? a : b, `# typed ${i}`);
      await a.waitForTimeout(1_500);
    }
    const typing = Math.round((Date.now() - started) / 1000);
    // The server writes the last change a second later; the last automatic version follows within the minute.
    await expect.poll(diskSource, { timeout: 30_000 }).toMatch(/^# typed \d+$/);
    await expect.poll(() => s3Versions(KEY)[0].body === onDisk(), { timeout: 120_000 }).toBe(true);
    const automatic = s3Versions(KEY).length - start;
    console.log(`rtc: ${automatic} automatic versions for ${typing} s of typing`);
    expect(automatic).toBeGreaterThanOrEqual(1);
    expect(automatic).toBeLessThanOrEqual(2);
  });

  test('S3 down during collaborative saves, then back: each explicit save archived once, in save order', async ({
    request
  }) => {
    test.setTimeout(300_000);
    // Past the minute of automatic versions, so that only the explicit saves below make versions.
    await a.waitForTimeout(5_000);
    const start = s3Versions(KEY).length;
    await fault(request, 'down');
    await typeAndSave(a, '# A down 1');
    await typeAndSave(b, '# B down 1');
    await typeAndSave(a, '# A down 2');
    await expect(status(a)).toContainText('not archived', { timeout: 60_000 });
    await fault(request, 'pass');
    for (const page of [a, b]) {
      await expect(status(page)).toHaveText('Bookstore: idle', { timeout: 150_000 });
    }
    await a.waitForTimeout(8_000);
    const stored = archived(KEY).slice(0, s3Versions(KEY).length - start);
    const explicit = ['# A down 1', '# B down 1', '# A down 2'];
    for (const text of explicit) {
      expect(
        stored.filter(s => s === text),
        `${text} in ${JSON.stringify(stored)}`
      ).toHaveLength(1);
    }
    // In the order they were made, across the two browsers (each waits while the other keeps an older save).
    expect(stored.filter(s => explicit.includes(s))).toEqual([...explicit].reverse());
    expect(s3Versions(KEY)[0].body).toBe(onDisk());
  });
});
