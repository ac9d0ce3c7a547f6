// Temporary credentials as an organization hands them out, signed by the wasm in Chromium, with no key in
// any setting:
// - from a credentials URL: real STS credentials of Ceph RGW (a role that only reaches workspace/alice/
//   and published/alice/), served by tests/credserver.py in the AWS container-credentials shape;
// - from the Jupyter server itself (jupyterlab_bookstore/credentials.py): alice's keys on the server
//   assume a role every user shares, narrowed to her prefixes by a session policy;
// - from STS for a web identity: the browser exchanges a token at moto's STS (RGW here has no OIDC
//   provider to check a token against).
// What S3 holds is read with boto3 (tests/s3peek.py).

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const {
  archived,
  configureTestServer,
  editAndSave,
  expect,
  fault,
  newPage,
  notebookOf,
  openHistory,
  openNotebook,
  putNotebook,
  readBrowserStorage,
  s3peek,
  status,
  test
} = require('./helpers');

const CRED = process.env.BOOKSTORE_CRED_URL;
const LAB = process.env.BOOKSTORE_LAB_URL;
const PROXY = process.env.BOOKSTORE_PROXY_URL;
const BUCKET = process.env.BOOKSTORE_TEST_BUCKET;
const NOTEBOOK = 'credentials.ipynb';
const KEY = `workspace/alice/${NOTEBOOK}`;

/** Alice's settings: no key anywhere, credentials from the credentials service, her own prefixes. */
const ALICE_BY_URL = {
  credentialsMode: 'url',
  credentialsUrl: `${CRED}/credentials`,
  accessKeyId: '',
  secretAccessKey: '',
  user: 'alice',
  workspacePrefix: 'workspace/{user}',
  publishedPrefix: 'published/{user}'
};

/** Sets the credentials service (tests/credserver.py); returns its counts. */
async function credserver(request, changes = {}) {
  const response = await request.post(`${CRED}/__cred__`, { data: changes });
  expect(response.ok()).toBeTruthy();
  return (await request.get(`${CRED}/__cred__`)).json();
}

test.describe.configure({ mode: 'serial' });

test.describe('Credentials from a URL', () => {
  /** @type {import('@playwright/test').Page} */
  let page;

  test.beforeAll(async ({ browser, request }) => {
    await credserver(request, { mode: 'up', lifetime: null, shape: 'container', rotate: false, reset: true });
    await configureTestServer(request, ALICE_BY_URL);
    await putNotebook(request, NOTEBOOK, notebookOf(''));
    page = await newPage(browser);
  });

  test.afterAll(async ({ request }) => {
    await page.context().close();
    await credserver(request, { mode: 'up', lifetime: null, rotate: false });
    await configureTestServer(request);
  });

  test('a save, a publish and the history work with them; the role reaches no other prefix', async ({ request }) => {
    await openNotebook(page, NOTEBOOK);
    await editAndSave(page, '# with temporary credentials');
    await expect.poll(() => archived(KEY), { timeout: 30_000 }).toEqual(['# with temporary credentials']);
    await page.locator('.lm-MenuBar-itemLabel', { hasText: /^File$/ }).click();
    await page.getByRole('menuitem', { name: 'Publish notebook' }).click();
    // The kernel that started may have marked the notebook changed: publishing then saves first.
    const saveFirst = page.locator('.jp-Dialog').getByRole('button', { name: 'Save and publish' });
    await saveFirst.click({ timeout: 3000 }).catch(() => undefined);
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => archived(`published/alice/${NOTEBOOK}`), { timeout: 30_000 }).toHaveLength(1);
    const panel = await openHistory(page);
    // One version per save (publishing may have saved first).
    const saves = archived(KEY).length;
    await expect(panel.locator('.jp-bookstore-version[data-scope="workspace"]')).toHaveCount(saves);
    await expect(panel.locator('.jp-bookstore-version[data-scope="published"]')).toHaveCount(1);
    expect((await credserver(request)).served).toBe(1);

    // The same credentials as the page got them: refused outside alice's prefixes, by S3 itself.
    const credentials = await (await request.get(`${CRED}/credentials`)).json();
    const as = {
      ...process.env,
      BOOKSTORE_AS_ACCESS_KEY_ID: credentials.AccessKeyId,
      BOOKSTORE_AS_SECRET_ACCESS_KEY: credentials.SecretAccessKey,
      BOOKSTORE_AS_SESSION_TOKEN: credentials.Token
    };
    const put = key =>
      JSON.parse(
        execFileSync('python3', [path.join(process.env.BOOKSTORE_REPO, 'tests', 's3peek.py'), 'put-as', key], {
          env: as,
          encoding: 'utf8'
        })
      ).error;
    expect(put('workspace/alice/allowed.ipynb')).toBeNull();
    expect(put('workspace/bob/other.ipynb')).toBe('AccessDenied');
    expect(put('workspace/elsewhere.ipynb')).toBe('AccessDenied');

    // And from the browser: a clone link to someone else's notebook is refused with S3's AccessDenied.
    s3peek('put', BUCKET, 'workspace/bob/secret.ipynb');
    await page.goto(`lab?bookstore-clone=${encodeURIComponent(`s3://${BUCKET}/workspace/bob/secret.ipynb`)}`);
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Clone' }).click();
    await expect(page.locator('.jp-toast-message').filter({ hasText: 'S3 denied access to' })).toBeVisible();
  });

  test('renewed before they expire: 5 saves over several renewals, one fetch per renewal, not per request', async ({
    request
  }) => {
    // Each answer says it expires in 6 s (the real ones last 15 min) and holds new keys.
    const before = await credserver(request, { lifetime: 6, rotate: true, reset: true });
    expect(before.fetches).toBe(0);
    await openNotebook(page, NOTEBOOK);
    for (let i = 1; i <= 5; i++) {
      await editAndSave(page, `# renewal ${i}`);
      await expect.poll(() => archived(KEY)[0], { timeout: 30_000 }).toBe(`# renewal ${i}`);
      await page.waitForTimeout(2500);
    }
    expect(archived(KEY).slice(0, 5)).toEqual([5, 4, 3, 2, 1].map(i => `# renewal ${i}`));
    const { fetches } = await credserver(request);
    // 5 saves make 15+ requests to S3 (check, PUT, listing each): renewals only, 3 of them or so.
    expect(fetches).toBeGreaterThanOrEqual(3);
    expect(fetches).toBeLessThanOrEqual(7);
  });

  test('S3 answers ExpiredToken to a PUT: fresh credentials are fetched and the save is stored once', async ({
    request
  }) => {
    await credserver(request, { lifetime: null, rotate: true, reset: true });
    await configureTestServer(request, { ...ALICE_BY_URL, endpoint: PROXY });
    await openNotebook(page, NOTEBOOK);
    await editAndSave(page, '# warm up');
    await expect.poll(() => archived(KEY)[0], { timeout: 30_000 }).toBe('# warm up');
    const fetchedBefore = (await credserver(request)).fetches;
    const { log } = await fault(request, 'expired', 1);
    const seqBefore = log.length ? log[log.length - 1].seq : 0;

    await editAndSave(page, '# after ExpiredToken');
    await expect.poll(() => archived(KEY)[0], { timeout: 30_000 }).toBe('# after ExpiredToken');
    await expect(status(page)).toHaveText('Bookstore: idle');
    const puts = (await fault(request, 'pass')).log.filter(e => e.seq > seqBefore && e.method === 'PUT');
    expect(puts.map(e => e.status)).toEqual([400, 200]);
    expect((await credserver(request)).fetches - fetchedBefore).toBe(1);
    expect(archived(KEY).filter(s => s === '# after ExpiredToken')).toHaveLength(1);
  });

  test('the credentials URL down for 3 saves: they wait, a notification says why, and all land once it is back', async ({
    request
  }) => {
    await configureTestServer(request, ALICE_BY_URL);
    await credserver(request, { mode: 'down', lifetime: null, rotate: false });
    await openNotebook(page, NOTEBOOK);
    const before = archived(KEY).length;
    for (let i = 1; i <= 3; i++) {
      await editAndSave(page, `# service down ${i}`);
    }
    await expect(status(page)).toHaveText('Bookstore: 3 saves not archived');
    await expect(
      page.locator('.jp-toast-message').filter({ hasText: 'Could not get S3 credentials from' }).first()
    ).toBeVisible();
    expect(archived(KEY)).toHaveLength(before);

    await credserver(request, { mode: 'up' });
    await status(page).click();
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Retry now' }).click();
    await expect(status(page)).toHaveText('Bookstore: idle', { timeout: 30_000 });
    expect(archived(KEY).slice(0, 3)).toEqual([3, 2, 1].map(i => `# service down ${i}`));
    expect(archived(KEY)).toHaveLength(before + 3);
  });
});

test.describe('Credentials from the Jupyter server itself', () => {
  test('a save is archived with the credentials the server hands out; the settings hold no key; other users are refused', async ({
    browser,
    request
  }) => {
    const key = 'workspace/alice/from-server.ipynb';
    await configureTestServer(request, { ...ALICE_BY_URL, credentialsUrl: 'bookstore/credentials' });
    await putNotebook(request, 'from-server.ipynb', notebookOf(''));
    const page = await newPage(browser);
    await openNotebook(page, 'from-server.ipynb');
    await editAndSave(page, '# credentials from the server');
    await expect.poll(() => archived(key), { timeout: 30_000 }).toEqual(['# credentials from the server']);
    await expect(status(page)).toHaveText('Bookstore: idle');
    const settings = JSON.parse((await (await request.get('lab/api/settings/jupyterlab-bookstore:plugin')).json()).raw);
    expect([settings.accessKeyId, settings.secretAccessKey, settings.sessionToken ?? '']).toEqual(['', '', '']);

    // What the endpoint answers: temporary credentials, never cached by the browser.
    const answer = await request.get(`${LAB}bookstore/credentials`);
    expect(answer.headers()['cache-control']).toContain('no-store');
    const credentials = await answer.json();
    expect(credentials.Version).toBe(1);
    // The run's secret scan (tests/scan_secrets.py reads every env file) looks for these too.
    const issued = path.join(process.env.BOOKSTORE_S3_DIR, '..', 'server-credentials');
    fs.mkdirSync(issued, { recursive: true });
    fs.appendFileSync(
      path.join(issued, 'env'),
      `export SERVER_SECRET_ACCESS_KEY='${credentials.SecretAccessKey}'\nexport SERVER_SESSION_TOKEN='${credentials.SessionToken}'\n`
    );
    expect(Date.parse(credentials.Expiration)).toBeGreaterThan(Date.now() + 5 * 60_000);
    // Held in the worker's memory only: not in the page's storage.
    const stored = await page.evaluate(readBrowserStorage);
    for (const secret of [credentials.SecretAccessKey, credentials.SessionToken]) {
      expect(stored.records.some(record => record.includes(secret))).toBe(false);
      expect(stored.web.includes(secret)).toBe(false);
    }
    // The role reaches every user's prefix; the session policy keeps these to alice's.
    s3peek('put', BUCKET, 'workspace/bob/private.ipynb');
    await page.goto(`lab?bookstore-clone=${encodeURIComponent(`s3://${BUCKET}/workspace/bob/private.ipynb`)}`);
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Clone' }).click();
    await expect(page.locator('.jp-toast-message').filter({ hasText: 'S3 denied access to' })).toBeVisible();
    await page.context().close();
    await configureTestServer(request);
  });
});

/** The settings of the moto server tests/e2e started (its tests/s3server.py env file). */
function motoEnv() {
  const text = fs.readFileSync(path.join(process.env.BOOKSTORE_MOTO_DIR, 'env'), 'utf8');
  const pairs = text
    .split('\n')
    .map(line => line.match(/^export (\w+)='(.*)'$/))
    .filter(Boolean);
  return Object.fromEntries(pairs.map(([, name, value]) => [name, value]));
}

test.describe('Credentials from STS for a web identity', () => {
  test('the browser exchanges the token at STS; saves are stored with the role; the bucket check says who you are', async ({
    browser,
    request
  }) => {
    const moto = motoEnv();
    const versions = key =>
      JSON.parse(
        execFileSync('python3', [path.join(process.env.BOOKSTORE_REPO, 'tests', 's3peek.py'), 'versions', key], {
          env: { ...process.env, ...moto },
          encoding: 'utf8'
        })
      ).versions.map(v => [].concat(JSON.parse(v.body).cells[0].source).join(''));
    await credserver(request, { reset: true });
    await configureTestServer(request, {
      endpoint: moto.BOOKSTORE_TEST_ENDPOINT,
      bucket: moto.BOOKSTORE_TEST_BUCKET,
      credentialsMode: 'web-identity',
      roleArn: moto.BOOKSTORE_TEST_WEB_ROLE_ARN,
      webIdentityTokenUrl: `${CRED}/token`,
      accessKeyId: '',
      secretAccessKey: ''
    });
    await putNotebook(request, 'web-identity.ipynb', notebookOf(''));
    const page = await newPage(browser);
    await openNotebook(page, 'web-identity.ipynb');
    await editAndSave(page, '# with a web identity');
    await expect
      .poll(() => versions('workspace/web-identity.ipynb'), { timeout: 30_000 })
      .toEqual(['# with a web identity']);
    await editAndSave(page, '# again');
    await expect.poll(() => versions('workspace/web-identity.ipynb')[0], { timeout: 30_000 }).toBe('# again');
    // One token for both saves: the credentials are kept in memory until they are due.
    expect((await credserver(request)).tokens).toBe(1);

    await page.keyboard.press('Control+Shift+C');
    await page.locator('.lm-CommandPalette-input').fill('Check Bookstore bucket');
    await page.locator('.lm-CommandPalette-item', { hasText: 'Check Bookstore bucket' }).first().click();
    const ready = page.locator('.Toastify__toast', { hasText: 'keeps every version' }).last();
    await ready.getByRole('button', { name: 'Credentials' }).click();
    const details = page.locator('.jp-Dialog');
    await expect(details).toContainText(
      'S3 knows you as arn:aws:sts::123456789012:assumed-role/bookstore-web/bookstore'
    );
    await expect(details).toContainText('Credentials come from STS, for your web identity.');
    await expect(details).toContainText(/renewed before they expire \(next at .+\)/);
    await details
      .getByRole('button', { name: /Close|OK/ })
      .first()
      .click();
    await page.context().close();
    await configureTestServer(request);
  });
});
