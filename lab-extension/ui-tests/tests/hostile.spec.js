// Hostile clone links, in a real JupyterLab and Chromium, through tests/faultproxy.py in front of Ceph RGW:
// a link to an object over the size limit is refused and its download stopped (the proxy counts the bytes
// the browser accepted); a key no S3 object can have (over 1,024 bytes) is refused before any request (the
// proxy logs every request).

const { configure, configureTestServer, expect, lastSeq, newPage, requestsSince, s3peek, test } = require('./helpers');

const PROXY = process.env.BOOKSTORE_PROXY_URL;
const BUCKET = process.env.BOOKSTORE_TEST_BUCKET;
const MIB = 1 << 20;
const LIMIT_MIB = 2;
/** One object per case: Chromium caches the part of a body it got, and would ask a second GET for the
 * rest with a range request. Short keys: the notification shows only its first 140 characters. */
const bigKey = chunked => `hostile/big-${chunked ? 2 : 1}.ipynb`;
const BIG_BYTES = 24 * MIB;
/** The pace of bodies through the proxy, a fast network's: on loopback, sockets would otherwise buffer
 * megabytes that the browser never asked for, and the count would measure the kernel, not the client. */
const BYTES_PER_SECOND = 32 * MIB;

/** Sets how the proxy sends bodies out, until the next call. */
async function proxy(request, delivery) {
  const response = await request.post(`${PROXY}/__fault__`, { data: { mode: 'pass', ...delivery } });
  expect(response.ok()).toBeTruthy();
  return response.json();
}

/** The files in Jupyter's root folder. */
async function rootFiles(request) {
  return (await (await request.get('api/contents')).json()).content.map(f => f.name).sort();
}

async function openLab(page, query = '') {
  await page.goto(`lab${query}`);
  await expect(page.locator('.jp-bookstore-status')).toBeVisible();
}

const cloneLink = uri => `?bookstore-clone=${encodeURIComponent(uri)}`;

test.describe.configure({ mode: 'serial' });

test.describe('Hostile clone links', () => {
  /** @type {import('@playwright/test').Page} */
  let page;

  test.beforeAll(async ({ browser, request }) => {
    await configureTestServer(request, { endpoint: PROXY, maxNotebookMegabytes: LIMIT_MIB });
    for (const chunked of [false, true]) {
      s3peek('put-big', BUCKET, bigKey(chunked), String(BIG_BYTES));
    }
    // Start from an empty layout: notebooks that earlier specs left open would be reopened, and their
    // version lists fetched, while these tests check that no request at all reaches S3.
    const reset = await request.delete('lab/api/workspaces/default');
    expect([204, 404]).toContain(reset.status());
    page = await newPage(browser);
  });

  test.afterAll(async ({ request }) => {
    await proxy(request, {});
    await configure(request, { maxNotebookMegabytes: 100 });
    await page.context().close();
  });

  for (const chunked of [false, true]) {
    const framing = chunked ? 'without Content-Length' : 'with its Content-Length';
    test(`a link to an object over the limit, sent ${framing}: refused, at most the limit and 1 MiB downloaded`, async ({
      request
    }) => {
      const before = await rootFiles(request);
      await proxy(request, { chunked, rate: BYTES_PER_SECOND });
      const after = await lastSeq(request);
      await openLab(page, cloneLink(`s3://${BUCKET}/${bigKey(chunked)}`));
      await page.locator('.jp-Dialog').getByRole('button', { name: 'Clone' }).click();
      await expect(page.locator('.jp-toast-message', { hasText: `over the ${LIMIT_MIB} MiB` })).toBeVisible();

      // The proxy is through with the GET once the browser hung up, or once it sent everything.
      const gets = async () =>
        (await requestsSince(request, after)).filter(e => e.method === 'GET' && e.path.endsWith(bigKey(chunked)));
      const allDone = list => list.length > 0 && list.every(get => get.done);
      await expect.poll(async () => allDone(await gets()), { timeout: 60_000 }).toBe(true);
      const [get, ...more] = await gets();
      console.log(`${framing}: ${get.sent} of ${BIG_BYTES} bytes reached the browser (limit ${LIMIT_MIB} MiB)`);
      expect(more).toEqual([]);
      expect(get.status).toBe(200);
      expect(get.sent).toBeLessThanOrEqual((LIMIT_MIB + 1) * MIB);
      expect(await rootFiles(request)).toEqual(before);
    });
  }

  const tooLong = [
    ['1,025-byte', `hostile/${'k'.repeat(1025 - 'hostile/'.length - '.ipynb'.length)}.ipynb`, '1,025'],
    ['5,000-character', `hostile/${'x'.repeat(5000 - 'hostile/'.length - '.ipynb'.length)}.ipynb`, '5,000']
  ];
  for (const [what, key, bytes] of tooLong) {
    test(`a link with a ${what} key is refused, naming its length, before any request and any confirmation`, async ({
      request
    }) => {
      expect(new TextEncoder().encode(key).length).toBe(Number(bytes.replace(',', '')));
      await openLab(page);
      const after = await lastSeq(request);
      await openLab(page, cloneLink(`s3://${BUCKET}/${key}`));
      const toast = page.getByRole('alert').filter({ hasText: 'This clone link cannot be used' });
      await expect(toast).toBeVisible();
      await expect(toast).toContainText(`is ${bytes} bytes long`);
      await expect(page.locator('.jp-Dialog')).toHaveCount(0);
      expect(await requestsSince(request, after)).toEqual([]);

      // The whole message, in the notification's Details.
      await toast.getByRole('button', { name: 'Details' }).click();
      const details = page.locator('.jp-Dialog');
      await expect(details).toContainText(`is ${bytes} bytes long, over S3's limit of 1,024 bytes for a key`);
      await details.getByRole('button', { name: 'Close' }).click();
    });
  }

  test('a key over 1,024 bytes typed in the clone dialog is refused while typing, before any request', async ({
    request
  }) => {
    const key = tooLong[0][1];
    await openLab(page);
    const after = await lastSeq(request);
    await page.getByRole('menuitem', { name: 'File' }).click();
    await page.getByRole('menuitem', { name: 'Clone notebook from S3…' }).click();
    const dialog = page.locator('.jp-Dialog');
    await dialog.locator('input[name="location"]').fill(key);
    await expect(dialog.locator('.jp-bookstore-form-error')).toContainText('is 1,025 bytes long');
    await expect(dialog.getByRole('button', { name: 'Clone' })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await requestsSince(request, after)).toEqual([]);
  });
});
