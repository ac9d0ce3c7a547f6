// Nothing lost: saves made while S3 is stopped, unreachable, failing or refusing the credentials are all
// archived once it recovers, in order, once each, across page reloads. Faults come from stopping the real
// server (Ceph RGW) and from tests/faultproxy.py in front of it; what S3 holds is read with boto3
// (tests/s3peek.py).
const { chromium } = require('@playwright/test');

const crypto = require('crypto');
const path = require('path');

const {
  readBrowserStorage,
  archived,
  configure,
  editAndSave,
  expect,
  fault,
  gateway,
  lastSeq,
  newPage,
  notebookOf,
  openNotebook,
  putNotebook,
  requestsSince,
  s3peek,
  s3Versions,
  status,
  test
} = require('./helpers');

const config = require('../playwright.config');

const PROXY = process.env.BOOKSTORE_PROXY_URL;
/** Debian's libfaketime (package faketime): shifts the clock of the process it is preloaded into. */
const FAKETIME_LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const NOTEBOOK = 'faults.ipynb';
const KEY = `workspace/${NOTEBOOK}`;
/** The path of a request for KEY, as the proxy logs it (path-style). */
const KEY_PATH = `/${process.env.BOOKSTORE_TEST_BUCKET}/${KEY}`;

/** What saveAsFence saves: each a new content, so that each is a new version. */
let FENCE = '';
let fences = 0;

/**
 * Saves once more and waits for that save to be in S3. Saves of a notebook are uploaded in save order,
 * one at a time: once this one has landed, every earlier save has made all the requests it will make.
 */
async function saveAsFence(page) {
  FENCE = `# fence ${++fences}`;
  await editAndSave(page, FENCE);
  await expect.poll(() => archived(KEY)[0], { timeout: 30_000 }).toBe(FENCE);
  await expect(status(page)).toHaveText('Bookstore: idle', { timeout: 30_000 });
}

/** The saved file's bytes, as JupyterLab's server has them. */
async function savedBytes(request, path) {
  const response = await request.get(`api/contents/${encodeURIComponent(path)}?type=file&format=text&content=1`, {
    timeout: 120_000
  });
  return Buffer.from((await response.json()).content, 'utf8');
}

/** Like editAndSave, in a tab whose file another tab saved since: the user chooses to overwrite. */
async function editAndOverwrite(page, text) {
  const editor = page.locator('.jp-NotebookPanel:visible .jp-Cell .cm-content').first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  const overwrite = page.locator('.jp-Dialog').getByRole('button', { name: 'Overwrite' });
  await page.keyboard.press('Control+S');
  // As in helpers.save: press again only if the shortcut was lost.
  await overwrite.waitFor({ timeout: 5000 }).catch(() => page.keyboard.press('Control+S'));
  await overwrite.click();
  await expect(page.locator('.jp-mod-current.jp-mod-dirty')).toHaveCount(0);
}

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
    await putNotebook(request, NOTEBOOK, notebookOf('# start'));
    page = await newPage(browser);
  });

  test.afterAll(async ({ request }) => {
    // A test that failed with the gateway stopped must not leave the next spec files without S3.
    gateway('start');
    await fault(request, 'pass');
    await page.context().close();
  });

  test('the S3 server stopped mid-session, across a reload: every save archived once it is back, once each, in order', async () => {
    await openNotebook(page, NOTEBOOK);
    expect(archived(KEY)).toEqual([]);
    gateway('stop');
    await editAndSave(page, '# down 1');
    await editAndSave(page, '# down 2');
    await expect(status(page)).toHaveText('Bookstore: 2 saves not archived');

    // The page goes away with two saves waiting; the next one finds them in the browser's storage.
    await openNotebook(page, NOTEBOOK);
    await editAndSave(page, '# down 3');
    await expect(status(page)).toHaveText('Bookstore: 3 saves not archived');

    gateway('start');
    await status(page).click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog.locator('.jp-bookstore-pending-row')).toHaveCount(3);
    await dialog.getByRole('button', { name: 'Retry now' }).click();
    await expect(status(page)).toHaveText('Bookstore: idle');
    expect(archived(KEY)).toEqual(['# down 3', '# down 2', '# down 1']);

    // After another reload nothing is left to send again: a save made then is archived right after them.
    await openNotebook(page, NOTEBOOK);
    await expect(status(page)).toHaveText('Bookstore: idle');
    await saveAsFence(page);
    expect(archived(KEY)).toEqual([FENCE, '# down 3', '# down 2', '# down 1']);
  });

  test('503 SlowDown, 500 and dropped connections of a PUT are retried after a backoff, to success', async ({
    request
  }) => {
    const before = archived(KEY).length;
    for (const [mode, refusal] of [
      ['503', 503],
      ['500', 500],
      ['drop', null]
    ]) {
      const after = await lastSeq(request);
      await fault(request, mode, 2, 'PUT');
      await editAndSave(page, `# after ${mode}`);
      await expect.poll(() => archived(KEY)[0], { timeout: 30_000 }).toBe(`# after ${mode}`);
      await expect(status(page)).toHaveText('Bookstore: idle');
      // The proxy's log: the save's PUT took both faults and went again after each, the third time through.
      const seen = await requestsSince(request, after);
      const puts = seen.filter(entry => entry.method === 'PUT' && entry.path === KEY_PATH);
      expect(puts.map(entry => [entry.fault, entry.status])).toEqual([
        [mode, refusal],
        [mode, refusal],
        [null, 200]
      ]);
      expect(seen.filter(entry => entry.fault !== null)).toHaveLength(2);
      // Each retry waited at least half of its backoff bound (0.1 s, then 0.2 s: crate/src/retry.rs). A
      // connection dropped without an answer is first sent again by Chromium itself, at once, when the
      // connection was a reused one: there the wait is not the client's to measure.
      const waits = [puts[1].time - puts[0].time, puts[2].time - puts[1].time];
      console.log(`${mode}: retries sent ${waits.map(w => `${Math.round(w * 1000)} ms`).join(' and ')} after`);
      if (refusal !== null) {
        expect(waits[0]).toBeGreaterThanOrEqual(0.05);
        expect(waits[1]).toBeGreaterThanOrEqual(0.1);
      }
    }
    expect(archived(KEY)).toHaveLength(before + 3);
  });

  /**
   * Saves `text` with one `mode` fault on its PUT; S3 must then hold exactly one more version: that save.
   * No sleep decides that nothing was sent again: the next save is uploaded only once this one is through,
   * so once it has landed, the proxy's log holds every request this save will ever make.
   */
  async function storedOnceDespite(request, mode, text) {
    const before = archived(KEY);
    const after = await lastSeq(request);
    await fault(request, mode, 1);
    await editAndSave(page, text);
    // The upload starts a moment after the save; "idle" alone can be read before it began.
    await expect.poll(() => archived(KEY)[0], { timeout: 30_000 }).toBe(text);
    await expect(status(page)).toHaveText('Bookstore: idle', { timeout: 30_000 });
    await saveAsFence(page);
    expect(archived(KEY)).toEqual([FENCE, text, ...before]);
    const puts = (await requestsSince(request, after)).filter(e => e.method === 'PUT' && e.path === KEY_PATH);
    expect(puts.map(entry => entry.fault)).toEqual([mode, null]);
  }

  test('an answer lost after S3 stored the save: stored once, not twice', async ({ request }) => {
    await storedOnceDespite(request, 'lost', '# answer lost');
  });

  test('S3 stores a save and then never answers: the request is given up after the timeout, and the save is stored once', async ({
    request
  }) => {
    await configure(request, { requestTimeoutSeconds: 2 });
    await openNotebook(page, NOTEBOOK);
    await storedOnceDespite(request, 'hang', '# no answer');
    await configure(request, { requestTimeoutSeconds: 30 });
  });

  test('wrong credentials: a clear message, the saves wait, and fixing the settings sends them', async ({
    request
  }) => {
    await configure(request, { secretAccessKey: process.env.BOOKSTORE_WRONG_SECRET_ACCESS_KEY });
    await openNotebook(page, NOTEBOOK);
    const before = archived(KEY).length;
    await editAndSave(page, '# wrong credentials 1');
    await editAndSave(page, '# wrong credentials 2');
    await expect(status(page)).toHaveText('Bookstore: 2 saves not archived');
    await expect(page.locator('.jp-toast-message', { hasText: `Archiving ${NOTEBOOK} failed` })).toBeVisible();

    await configure(request, { secretAccessKey: process.env.BOOKSTORE_TEST_SECRET_ACCESS_KEY });
    await openNotebook(page, NOTEBOOK);
    await expect(status(page)).toHaveText('Bookstore: idle');
    const versions = archived(KEY);
    expect(versions.slice(0, 2)).toEqual(['# wrong credentials 2', '# wrong credentials 1']);
    expect(versions).toHaveLength(before + 2);
  });

  test('the secret fixed in the Settings Editor, where it is masked, sends the waiting save, with no reload', async ({
    request
  }) => {
    await configure(request, { secretAccessKey: process.env.BOOKSTORE_WRONG_SECRET_ACCESS_KEY });
    await openNotebook(page, NOTEBOOK);
    const before = archived(KEY);
    await editAndSave(page, '# fixed in the editor');
    await expect(status(page)).toHaveText('Bookstore: 1 save not archived');
    // A mark in the page's memory: a reload would lose it (JupyterLab's own URL changes keep it).
    await page.evaluate(() => (window.__bookstoreSamePage = true));

    // The history panel says why it cannot list the versions, and leads to the settings.
    await page.locator('.jp-SideBar.jp-mod-right [title="Notebook versions (Bookstore)"]').click();
    const panel = page.locator('#jp-bookstore-history');
    await expect(panel.locator('.jp-bookstore-error')).toContainText('S3 refused the credentials');
    // It still shows the versions it listed last (kept by this browser), as possibly out of date.
    await expect(panel.locator('.jp-bookstore-error')).toContainText('may be out of date');
    await expect(panel.locator('.jp-bookstore-version').first()).toBeVisible();
    await panel.getByRole('button', { name: 'Open Bookstore settings' }).click();
    const editor = page.locator('.jp-SettingsPanel');
    // The form's inputs are named after their setting (rjsf ids end with `_<setting>`).
    const secret = editor.locator('input[id$="_secretAccessKey"]');
    await secret.scrollIntoViewIfNeeded();
    await expect(secret).toHaveAttribute('type', 'password');
    // Compared without printing it: a failure must not write the secret into the test's output.
    const holdsWrongSecret = () =>
      secret.inputValue().then(value => value === process.env.BOOKSTORE_WRONG_SECRET_ACCESS_KEY);
    await expect.poll(holdsWrongSecret, { message: 'the form shows the secret in the settings' }).toBe(true);
    await secret.fill(process.env.BOOKSTORE_TEST_SECRET_ACCESS_KEY);
    await secret.locator('..').getByRole('button', { name: 'Show' }).click();
    await expect(secret).toHaveAttribute('type', 'text');

    await expect(status(page)).toHaveText('Bookstore: idle', { timeout: 30_000 });
    expect(archived(KEY)).toEqual(['# fixed in the editor', ...before]);
    expect(await page.evaluate(() => window.__bookstoreSamePage)).toBe(true);
    await page.locator('.lm-DockPanel-tabBar .lm-mod-current .lm-TabBar-tabCloseIcon').click();
    await page.locator('.jp-SideBar.jp-mod-right [title="Notebook versions (Bookstore)"]').click();
    await expect(panel).toBeHidden();
  });

  test('200 rapid saves: every one archived, in order, none skipped', async () => {
    const before = archived(KEY).length;
    for (let n = 1; n <= 200; n++) {
      await editAndSave(page, `# rapid ${n}`);
    }
    await expect(status(page)).toHaveText('Bookstore: idle', { timeout: 120_000 });
    await expect.poll(() => archived(KEY).length, { timeout: 60_000 }).toBe(before + 200);
    const newest = archived(KEY).slice(0, 200);
    expect(newest).toEqual(Array.from({ length: 200 }, (_, i) => `# rapid ${200 - i}`));
  });

  test('a publish made while S3 is down is kept, survives a reload, and lands once S3 is back', async ({ request }) => {
    const published = () => s3Versions(`published/${NOTEBOOK}`);
    expect(published()).toEqual([]);
    await openNotebook(page, NOTEBOOK);
    await fault(request, 'down');
    await page.getByRole('menuitem', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'Publish notebook' }).click();
    await expect(
      page.locator('.jp-toast-message', { hasText: `Publishing ${NOTEBOOK} failed; it is kept and will be retried` })
    ).toBeVisible({ timeout: 30_000 });
    await expect(status(page)).toHaveText('Bookstore: 1 save not archived');

    await openNotebook(page, NOTEBOOK);
    await status(page).click();
    await expect(page.locator('.jp-Dialog .jp-bookstore-pending-row')).toContainText(`${NOTEBOOK}, publish asked`);
    await fault(request, 'pass');
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Retry now' }).click();
    await expect(page.locator('.jp-toast-message', { hasText: `Published ${NOTEBOOK} after a retry.` })).toBeVisible();
    await expect(status(page)).toHaveText('Bookstore: idle');
    const versions = published();
    expect(versions).toHaveLength(1);
    expect(Buffer.from(versions[0].body, 'utf8')).toEqual(await savedBytes(request, NOTEBOOK));
  });

  test('a kept publish that lands later turns its red notice into the success', async ({ request }) => {
    const before = s3Versions(`published/${NOTEBOOK}`).length;
    await openNotebook(page, NOTEBOOK);
    await editAndSave(page, '# published after a retry');
    await fault(request, 'down');
    await page.getByRole('menuitem', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'Publish notebook' }).click();
    const kept = page.locator('.jp-toast-message', { hasText: `Publishing ${NOTEBOOK} failed; it is kept` });
    await expect(kept).toBeVisible({ timeout: 30_000 });
    await fault(request, 'pass');
    await status(page).click();
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Retry now' }).click();
    await expect(page.locator('.jp-toast-message', { hasText: `Published ${NOTEBOOK} after a retry.` })).toBeVisible();
    await expect(kept).toHaveCount(0);
    expect(s3Versions(`published/${NOTEBOOK}`)).toHaveLength(before + 1);
  });

  test('the computer clock 30 minutes ahead or behind: saves are still archived (skew correction)', async ({
    request
  }) => {
    for (const minutes of [30, -30]) {
      const refusedBefore = (await fault(request, 'pass')).refused;
      // The whole browser runs with a wrong clock (libfaketime), page and Web Worker alike, as on a
      // computer whose clock is off.
      const browser = await chromium.launch({
        ...config.use.launchOptions,
        env: { ...process.env, LD_PRELOAD: FAKETIME_LIB, FAKETIME: `${minutes > 0 ? '+' : ''}${minutes}m` }
      });
      const skewed = await newPage(browser, { baseURL: config.use.baseURL, viewport: config.use.viewport });
      await openNotebook(skewed, NOTEBOOK);
      expect(Math.abs((await skewed.evaluate(() => Date.now())) - Date.now() - minutes * 60_000)).toBeLessThan(60_000);
      await editAndSave(skewed, `# clock ${minutes} min`);
      await expect.poll(() => archived(KEY)[0], { timeout: 30_000 }).toBe(`# clock ${minutes} min`);
      await expect(status(skewed)).toHaveText('Bookstore: idle');
      // S3 did refuse the skewed clock (RequestTimeTooSkewed), and the client corrected it.
      expect((await fault(request, 'pass')).refused - refusedBefore).toBeGreaterThanOrEqual(1);
      await browser.close();
    }
  });

  test('two tabs saving the same notebook while S3 is down: each save archived once, in save order', async ({
    request
  }) => {
    const shared = 'two tabs.ipynb';
    await putNotebook(request, shared, notebookOf('# two tabs'));
    const other = await page.context().newPage();
    await openNotebook(page, shared);
    await openNotebook(other, shared);
    await fault(request, 'down');
    await editAndSave(page, '# tab A 1');
    await editAndOverwrite(other, '# tab B 1');
    await editAndOverwrite(page, '# tab A 2');
    await expect(status(page)).toHaveText('Bookstore: 2 saves not archived');
    await expect(status(other)).toHaveText('Bookstore: 1 save not archived');

    await fault(request, 'pass');
    for (const tab of [page, other]) {
      await status(tab).click();
      await tab.locator('.jp-Dialog').getByRole('button', { name: 'Retry now' }).click();
      await expect(status(tab)).toHaveText('Bookstore: idle', { timeout: 30_000 });
    }
    expect(archived(`workspace/${shared}`)).toEqual(['# tab A 2', '# tab B 1', '# tab A 1']);
    await other.close();
  });

  test('a 100 MB notebook is archived byte for byte', async ({ request }) => {
    test.setTimeout(600_000);
    const large = 'large.ipynb';
    // Most of a big notebook is usually images in outputs: 50 of 2 MB (base64), 100 MB in all.
    const content = notebookOf('# large');
    content.cells[0].outputs = Array.from({ length: 50 }, () => ({
      output_type: 'display_data',
      metadata: {},
      data: { 'image/png': crypto.randomBytes(1_500_000).toString('base64') }
    }));
    await putNotebook(request, large, content, 300_000);
    await openNotebook(page, large);
    await editAndSave(page, '# large, edited');
    await expect
      .poll(() => JSON.parse(s3peek('hashes', `workspace/${large}`)).versions.length, {
        timeout: 300_000,
        intervals: [5000]
      })
      .toBe(1);
    const [stored] = JSON.parse(s3peek('hashes', `workspace/${large}`)).versions;
    const saved = await savedBytes(request, large);
    console.log(`100 MB notebook: ${saved.length} bytes saved, ${stored.size} bytes in S3`);
    expect(saved.length).toBeGreaterThan(100_000_000);
    expect(stored.size).toBe(saved.length);
    expect(stored.sha256).toBe(crypto.createHash('sha256').update(saved).digest('hex'));
    await expect(status(page)).toHaveText('Bookstore: idle');
    // Later tests do not need this notebook open.
    await page.goto(`lab/tree/${NOTEBOOK}?reset`);
  });

  test('what S3 says is shown as text, never as markup', async ({ request }) => {
    const injected = () => page.evaluate(() => window.__bookstoreInjected ?? null);
    await openNotebook(page, NOTEBOOK);
    await fault(request, 'markup');
    await editAndSave(page, '# markup');
    const toast = page.getByRole('alert').filter({ hasText: `Archiving ${NOTEBOOK} failed` });
    await expect(toast).toBeVisible({ timeout: 30_000 });
    // The notification is cut short; its Details show the whole message, S3's words included.
    await toast.getByRole('button', { name: 'Details' }).click();
    const details = page.locator('.jp-Dialog');
    await expect(details).toContainText('<img src=x onerror="window.__bookstoreInjected=1"><b>bold</b>');
    await expect(page.locator('.jp-Dialog img, .jp-Dialog b')).toHaveCount(0);
    await expect(toast.locator('img[src="x"], b')).toHaveCount(0);
    await details.getByRole('button', { name: 'Close' }).click();
    await fault(request, 'pass');
    await status(page).click();
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Retry now' }).click();
    await expect(status(page)).toHaveText('Bookstore: idle');

    // A key that is markup, in the list of published notebooks.
    const key = 'published/<img src=x onerror=window.__bookstoreInjected=2>.ipynb';
    s3peek('put', process.env.BOOKSTORE_TEST_BUCKET, key);
    await page.getByRole('menuitem', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'Browse published notebooks…' }).click();
    const list = page.locator('.jp-Dialog .jp-bookstore-published-list');
    await expect(list).toContainText('<img src=x onerror=window.__bookstoreInjected=2>.ipynb');
    await expect(page.locator('.jp-Dialog img')).toHaveCount(0);
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(await injected()).toBeNull();
  });

  test('a listing that fails keeps the versions shown, says they may be out of date, and Retry lists again', async ({
    request
  }) => {
    await openNotebook(page, NOTEBOOK);
    const panel = page.locator('#jp-bookstore-history');
    if (!(await panel.isVisible())) {
      await page.locator('.jp-SideBar.jp-mod-right [title="Notebook versions (Bookstore)"]').click();
    }
    const rows = panel.locator('.jp-bookstore-version');
    await expect(panel.locator('.jp-bookstore-history-summary')).toHaveText(/versions/);
    const shown = await rows.count();
    expect(shown).toBeGreaterThan(0);

    await fault(request, 'down');
    await panel.locator('[title="Refresh"]').click();
    const error = panel.locator('.jp-bookstore-error');
    await expect(error).toContainText('The list could not be refreshed and may be out of date: Could not reach S3');
    await expect(rows).toHaveCount(shown);
    // The message wraps inside the panel, however long its URL.
    const [box, side] = [await error.boundingBox(), await panel.boundingBox()];
    expect(box.x + box.width).toBeLessThanOrEqual(side.x + side.width + 1);
    await panel.screenshot({ path: path.join(process.env.BOOKSTORE_ARTIFACTS, 'history-stale.png') });

    // The page reloaded while S3 is still unreachable: the last listing the browser kept is shown.
    await openNotebook(page, NOTEBOOK);
    if (!(await panel.isVisible())) {
      await page.locator('.jp-SideBar.jp-mod-right [title="Notebook versions (Bookstore)"]').click();
    }
    await expect(error).toContainText('The list could not be refreshed and may be out of date: Could not reach S3');
    await expect(rows).toHaveCount(Math.min(shown, 50));
    await expect(error.getByRole('button', { name: 'Retry' })).toBeInViewport();
    await fault(request, 'pass');
    await error.getByRole('button', { name: 'Retry' }).click();
    await expect(error).toHaveCount(0);
    await expect(rows).toHaveCount(shown);
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
    await expect.poll(() => archived(KEY)[0], { timeout: 30_000 }).toBe('# session credentials');

    // A save that has to wait (S3 down) is written to the browser's storage: what is written is read back.
    await fault(request, 'down');
    await editAndSave(page, '# waiting, with session credentials');
    await expect(status(page)).toHaveText('Bookstore: 1 save not archived');
    const settings = await (await request.get('lab/api/settings/jupyterlab-bookstore:plugin')).text();
    expect(settings).not.toContain(secret);
    const stored = await page.evaluate(readBrowserStorage);
    expect(stored.records.join('\n')).toContain('# waiting, with session credentials');
    for (const text of [...stored.records, stored.web]) {
      expect(text.includes(secret)).toBe(false);
    }

    await fault(request, 'pass');
    await status(page).click();
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Retry now' }).click();
    await expect(status(page)).toHaveText('Bookstore: idle', { timeout: 30_000 });
    expect(archived(KEY)[0]).toBe('# waiting, with session credentials');
  });
});
