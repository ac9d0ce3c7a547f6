// What both end-to-end files do as a user: open a notebook, type, save; and read S3 with boto3.
const base = require('@playwright/test');
const { expect } = base;
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

/**
 * Where the console of every page and Web Worker goes (messages and uncaught errors): a file under the
 * artifacts, which the secret scan (tests/scan_secrets.py) reads like everything else the run wrote.
 */
const CONSOLE_LOG = path.join(process.env.BOOKSTORE_ARTIFACTS || 'test-results', 'browser-console.log');

function recordConsole(context) {
  fs.mkdirSync(path.dirname(CONSOLE_LOG), { recursive: true });
  const write = line => fs.appendFileSync(CONSOLE_LOG, `${new Date().toISOString()} ${line}\n`);
  // A context's events cover its pages and their workers alike.
  context.on('console', message => {
    const where = message.worker() ? `worker ${message.worker().url()}` : message.location().url;
    write(`${message.type()} ${message.text()} (${where})`);
  });
  context.on('weberror', error => write(`uncaught ${error.error().stack || error.error().message}`));
}

/** Playwright's test, whose `page` fixture records its console (see CONSOLE_LOG). */
const test = base.test.extend({
  context: async ({ context }, use) => {
    recordConsole(context);
    await use(context);
  }
});

/** A browser context whose console is recorded (its pages share storage, as a browser's tabs do). */
async function newContext(browser, options) {
  const context = await browser.newContext(options);
  recordConsole(context);
  return context;
}

/** A page in a browser context of its own whose console is recorded; close it with page.context().close(). */
async function newPage(browser, options) {
  return (await newContext(browser, options)).newPage();
}

/** A cell's source as one string (nbformat stores it as a list of lines). */
const sourceOf = cell => [].concat(cell.source).join('');

/** Runs tests/s3peek.py (boto3, an independent view of S3) and returns what it printed. */
function s3peek(...args) {
  return execFileSync('python3', [path.join(process.env.BOOKSTORE_REPO, 'tests', 's3peek.py'), ...args], {
    encoding: 'utf8'
  });
}

/** The versions of `key` in S3, newest first, with their bodies. */
function s3Versions(key) {
  return JSON.parse(s3peek('versions', key)).versions;
}

/** The first cell's source of each version of `key` in S3, newest first: what each save held. */
const archived = key => s3Versions(key).map(v => sourceOf(JSON.parse(v.body).cells[0]));

/** The extension's item in the status bar ("Bookstore: idle", "N saves not archived"...). */
const status = page => page.locator('.jp-bookstore-status');

/** A notebook of one code cell holding `source`, with Python as its kernel. */
const notebookOf = source => ({
  cells: [{ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source }],
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  nbformat: 4,
  nbformat_minor: 5
});

/** Writes the notebook `content` at `path` through Jupyter's contents API (no save in the UI). */
async function putNotebook(request, path, content, timeout) {
  const response = await request.put(`api/contents/${encodeURIComponent(path)}`, {
    data: { type: 'notebook', format: 'json', content },
    timeout
  });
  expect(response.ok()).toBeTruthy();
}

/** Stops or restarts the real S3 server (RGW's gateway; its data stays). */
const gateway = action =>
  execFileSync(
    'python3',
    [path.join(process.env.BOOKSTORE_REPO, 'tests', 's3server.py'), 'gateway', action, process.env.BOOKSTORE_S3_DIR],
    { stdio: 'inherit' }
  );

/** Opens `file` in JupyterLab (in the named workspace, a layout of its own, if given). */
async function openNotebook(page, file, workspace) {
  await page.goto(`lab/${workspace ? `workspaces/${workspace}/` : ''}tree/${encodeURIComponent(file)}`);
  await selectNotebook(page, file);
}

/**
 * Opens `file` from the file browser of the page as it is. No reload: the notebooks already open stay,
 * where a new URL would bring back only those that JupyterLab had saved in the layout by then.
 */
async function openFromFileBrowser(page, file) {
  await page.locator('.jp-DirListing-itemText', { has: page.getByText(file, { exact: true }) }).dblclick();
  await selectNotebook(page, file);
}

/** Selects the open notebook `file` and waits until it can be edited and saved. */
async function selectNotebook(page, file) {
  // The restored workspace may activate another tab after the URL's: select this one, as a user would.
  const tab = page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab', { has: page.getByText(file, { exact: true }) });
  await tab.click();
  await expect(tab).toHaveClass(/lm-mod-current/);
  await expect(page.locator('.jp-NotebookPanel:visible .jp-Cell').first()).toBeVisible();
  // Once its kernel is ready JupyterLab writes the kernel's language_info into the notebook, a change:
  // before that, a save would be followed by the notebook changed again (every test notebook has a kernel).
  await expect(page.locator('#jp-main-statusbar').getByText(/\| Idle$/)).toBeVisible({ timeout: 60_000 });
}

/** Types `text` into the first cell and saves with Ctrl+S, as a user does. */
async function editAndSave(page, text) {
  const editor = page.locator('.jp-NotebookPanel:visible .jp-Cell .cm-content').first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await save(page);
  await expect(page.locator('.jp-mod-current.jp-mod-dirty')).toHaveCount(0, { timeout: 120_000 });
}

/**
 * Presses Ctrl+S. Seen once in ~10 runs: the shortcut did not reach JupyterLab, so no save request left
 * the page; a user presses it again. Pressing again only then keeps every test's count of saves exact.
 */
async function save(page) {
  const isSave = request => request.method() === 'PUT' && request.url().includes('/api/contents/');
  const sent = page.waitForRequest(isSave, { timeout: 5000 }).catch(() => null);
  await page.keyboard.press('Control+S');
  if (!(await sent)) {
    await page.keyboard.press('Control+S');
  }
}

/** Changes the extension's settings through JupyterLab's settings API (the page reads them on load). */
async function configure(request, changes) {
  const settings = await request.get('lab/api/settings/jupyterlab-bookstore:plugin');
  const raw = JSON.parse((await settings.json()).raw);
  const response = await request.put('lab/api/settings/jupyterlab-bookstore:plugin', {
    data: { raw: JSON.stringify({ ...raw, ...changes }) }
  });
  expect(response.ok()).toBeTruthy();
}

/**
 * Sets every setting the tests change back to the S3 server tests/e2e started, then `changes`: spec files
 * share one JupyterLab, and run in name order whatever the command line says.
 */
async function configureTestServer(request, changes = {}) {
  await configure(request, {
    endpoint: process.env.BOOKSTORE_TEST_ENDPOINT,
    bucket: process.env.BOOKSTORE_TEST_BUCKET,
    credentialsMode: 'settings',
    credentialsUrl: '',
    credentialsAuthorization: '',
    roleArn: '',
    webIdentityTokenUrl: '',
    stsEndpoint: '',
    user: '',
    workspacePrefix: 'workspace',
    publishedPrefix: 'published',
    accessKeyId: process.env.BOOKSTORE_TEST_ACCESS_KEY_ID,
    secretAccessKey: process.env.BOOKSTORE_TEST_SECRET_ACCESS_KEY,
    requestTimeoutSeconds: 30,
    maxNotebookMegabytes: 100,
    checkOnStartup: false,
    tagVersions: false,
    ...changes
  });
}

/**
 * Runs in the page: every record of every IndexedDB database, as text (Blobs and bytes decoded), and
 * local and session storage.
 */
async function readBrowserStorage() {
  const request = r =>
    new Promise((resolve, reject) =>
      Object.assign(r, { onsuccess: () => resolve(r.result), onerror: () => reject(r.error) })
    );
  const text = async value => {
    if (value instanceof Blob) return value.text();
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return new TextDecoder().decode(value);
    if (value && typeof value === 'object') {
      const parts = await Promise.all(Object.entries(value).map(async ([k, v]) => `${k}: ${await text(v)}`));
      return parts.join('\n');
    }
    return String(value);
  };
  const records = [];
  for (const { name } of await indexedDB.databases()) {
    const db = await request(indexedDB.open(name));
    for (const store of db.objectStoreNames) {
      for (const record of await request(db.transaction(store).objectStore(store).getAll())) {
        records.push(await text(record));
      }
    }
    db.close();
  }
  return { records, web: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) };
}

/** Opens the history panel (right sidebar) if it is not open yet; returns it. */
async function openHistory(page) {
  const panel = page.locator('#jp-bookstore-history');
  if (!(await panel.isVisible())) {
    await page.locator('.jp-SideBar.jp-mod-right [title="Notebook versions (Bookstore)"]').click();
  }
  await expect(panel).toBeVisible();
  return panel;
}

/**
 * Clicks the action `name` (a button's accessible name, or a pattern) of a row of the history panel:
 * selects the row first, as a user does, since only the selected row shows its actions.
 */
async function versionAction(row, name) {
  await row.locator('.jp-bookstore-version-time').click();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await row.getByRole('button', { name }).click();
}

/**
 * Arms tests/faultproxy.py (in front of the test server) with `mode` for `count` requests (of `method`
 * only, if given); returns its state, whose `log` records each request and the fault it got.
 */
async function fault(request, mode, count, method) {
  const response = await request.post(`${process.env.BOOKSTORE_PROXY_URL}/__fault__`, {
    data: { mode, count, method }
  });
  expect(response.ok()).toBeTruthy();
  return response.json();
}

/** The fault proxy's state and log, unchanged. */
async function proxyState(request) {
  const response = await request.get(`${process.env.BOOKSTORE_PROXY_URL}/__fault__`);
  expect(response.ok()).toBeTruthy();
  return response.json();
}

/** The number of the last request the fault proxy has seen; later ones have higher numbers. */
const lastSeq = async request => (await proxyState(request)).log.at(-1)?.seq ?? 0;

/** The requests the fault proxy has seen since request number `seq`, from its log. */
const requestsSince = async (request, seq) => (await proxyState(request)).log.filter(entry => entry.seq > seq);

module.exports = {
  CONSOLE_LOG,
  archived,
  configure,
  configureTestServer,
  expect,
  fault,
  gateway,
  lastSeq,
  newContext,
  newPage,
  notebookOf,
  openFromFileBrowser,
  openHistory,
  editAndSave,
  openNotebook,
  putNotebook,
  readBrowserStorage,
  requestsSince,
  s3Versions,
  s3peek,
  save,
  selectNotebook,
  sourceOf,
  status,
  test,
  versionAction
};
