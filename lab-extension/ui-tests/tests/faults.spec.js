// Nothing lost: saves made while S3 is unreachable, failing or refusing the credentials are all archived
// once it recovers, in order, once each, across page reloads. Faults come from tests/faultproxy.py in
// front of the real server (Ceph RGW); what S3 holds is read with boto3 (tests/s3peek.py).
const { test, expect } = require('@playwright/test');

const { configure, editAndSave, openNotebook, s3Versions, sourceOf } = require('./helpers');

const PROXY = process.env.BOOKSTORE_PROXY_URL;
const NOTEBOOK = 'faults.ipynb';

const archived = key => s3Versions(key).map(v => sourceOf(JSON.parse(v.body).cells[0]));

async function fault(request, mode, count) {
  const response = await request.post(`${PROXY}/__fault__`, { data: { mode, count } });
  expect(response.ok()).toBeTruthy();
  return response.json();
}

const status = page => page.locator('.jp-bookstore-status');

test.describe.configure({ mode: 'serial' });

test.describe('Nothing lost', () => {
  /** @type {import('@playwright/test').Page} */
  let page;

  test.beforeAll(async ({ browser, request }) => {
    await configure(request, {
      endpoint: PROXY,
      bucket: process.env.BOOKSTORE_TEST_BUCKET,
      secretAccessKey: process.env.BOOKSTORE_TEST_SECRET_ACCESS_KEY,
      checkOnStartup: false
    });
    const content = { cells: [{ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: '# start' }], metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } }, nbformat: 4, nbformat_minor: 5 };
    expect((await request.put(`api/contents/${NOTEBOOK}`, { data: { type: 'notebook', format: 'json', content } })).ok()).toBeTruthy();
    page = await browser.newPage();
  });

  test.afterAll(async ({ request }) => {
    await fault(request, 'pass');
    await page.close();
  });

  test('S3 down while saving, across a reload: every save archived once it is back, once each, in order', async ({ request }) => {
    await openNotebook(page, NOTEBOOK);
    await fault(request, 'down');
    await editAndSave(page, '# down 1');
    await editAndSave(page, '# down 2');
    await expect(status(page)).toHaveText('Bookstore: 2 saves not archived');

    // The page goes away with two saves waiting; the next one finds them in the browser's storage.
    await openNotebook(page, NOTEBOOK);
    await editAndSave(page, '# down 3');
    await expect(status(page)).toHaveText('Bookstore: 3 saves not archived');
    expect(archived(`workspace/${NOTEBOOK}`)).toEqual([]);

    await fault(request, 'pass');
    await status(page).click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog.locator('.jp-bookstore-pending-row')).toHaveCount(3);
    await dialog.getByRole('button', { name: 'Retry now' }).click();
    await expect(status(page)).toHaveText('Bookstore: idle');
    expect(archived(`workspace/${NOTEBOOK}`)).toEqual(['# down 3', '# down 2', '# down 1']);

    // After another reload nothing is left to send again.
    await openNotebook(page, NOTEBOOK);
    await expect(status(page)).toHaveText('Bookstore: idle');
    await page.waitForTimeout(1000);
    expect(archived(`workspace/${NOTEBOOK}`)).toHaveLength(3);
  });

  test('503 SlowDown, 500 and dropped connections are retried to success', async ({ request }) => {
    for (const mode of ['503', '500', 'drop']) {
      const before = (await fault(request, 'pass')).faults;
      await fault(request, mode, 2);
      await editAndSave(page, `# after ${mode}`);
      await expect.poll(() => archived(`workspace/${NOTEBOOK}`)[0], { timeout: 30_000 }).toBe(`# after ${mode}`);
      await expect(status(page)).toHaveText('Bookstore: idle');
      expect((await fault(request, 'pass')).faults - before).toBe(2);
    }
    expect(archived(`workspace/${NOTEBOOK}`)).toHaveLength(6);
  });

  test('wrong credentials: a clear message, the saves wait, and fixing the settings sends them', async ({ request }) => {
    await configure(request, { secretAccessKey: 'wrong-secret-for-faults' });
    await openNotebook(page, NOTEBOOK);
    await editAndSave(page, '# wrong credentials 1');
    await editAndSave(page, '# wrong credentials 2');
    await expect(status(page)).toHaveText('Bookstore: 2 saves not archived');
    await expect(page.locator('.jp-toast-message', { hasText: `Archiving ${NOTEBOOK} failed` })).toBeVisible();

    await configure(request, { secretAccessKey: process.env.BOOKSTORE_TEST_SECRET_ACCESS_KEY });
    await openNotebook(page, NOTEBOOK);
    await expect(status(page)).toHaveText('Bookstore: idle');
    const versions = archived(`workspace/${NOTEBOOK}`);
    expect(versions.slice(0, 2)).toEqual(['# wrong credentials 2', '# wrong credentials 1']);
    expect(versions).toHaveLength(8);
  });

  test('200 rapid saves: every one archived, in order, none skipped', async () => {
    const before = archived(`workspace/${NOTEBOOK}`).length;
    for (let n = 1; n <= 200; n++) {
      await editAndSave(page, `# rapid ${n}`);
    }
    await expect(status(page)).toHaveText('Bookstore: idle', { timeout: 120_000 });
    await expect.poll(() => archived(`workspace/${NOTEBOOK}`).length, { timeout: 60_000 }).toBe(before + 200);
    const newest = archived(`workspace/${NOTEBOOK}`).slice(0, 200);
    expect(newest).toEqual(Array.from({ length: 200 }, (_, i) => `# rapid ${200 - i}`));
  });

  test('"session only" credentials are asked for, work, and are written nowhere', async ({ request }) => {
    const secret = process.env.BOOKSTORE_TEST_SECRET_ACCESS_KEY;
    await configure(request, { credentialsMode: 'session', accessKeyId: '', secretAccessKey: '' });
    await page.goto(`lab/tree/${NOTEBOOK}`);
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('S3 credentials for this browser session');
    await dialog.locator('input[name="accessKeyId"]').fill(process.env.BOOKSTORE_TEST_ACCESS_KEY_ID);
    await dialog.locator('input[name="secretAccessKey"]').fill(secret);
    await dialog.getByRole('button', { name: 'Use' }).click();
    // The notebook is open in the restored workspace; select its tab as a user would.
    const tab = page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', { has: page.getByText(NOTEBOOK, { exact: true }) });
    await tab.click();
    await editAndSave(page, '# session credentials');
    await expect.poll(() => archived(`workspace/${NOTEBOOK}`)[0], { timeout: 30_000 }).toBe('# session credentials');

    const settings = await (await request.get('lab/api/settings/jupyterlab-bookstore:plugin')).text();
    expect(settings).not.toContain(secret);
    const stored = await page.evaluate(async () => {
      const local = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
      const dbs = await indexedDB.databases();
      return { local, dbs: dbs.map(d => d.name) };
    });
    expect(stored.local).not.toContain(secret);
    // The only database is the queue of saves waiting to be archived, which holds notebooks only.
    expect(stored.dbs.filter(name => name?.includes('bookstore'))).toEqual(['jupyterlab-bookstore']);
  });
});
