// A notebook from S3 never runs its author's scripts: a stored notebook whose cells say
// `"trusted": true` and whose outputs hold script (an HTML <img onerror> and a JavaScript output, each
// setting a flag on `window`) stays untrusted after every way in: preview, clone from the history panel,
// from a clone link, from the published browser, and restore. Checked three ways: the flag stays unset,
// JupyterLab says the notebook is not trusted, and the Jupyter server's contents API reports its cells
// untrusted. The same notebook without the field must pass too.

const {
  configureTestServer,
  expect,
  newPage,
  openHistory,
  openNotebook,
  s3peek,
  test,
  versionAction
} = require('./helpers');

const BUCKET = process.env.BOOKSTORE_TEST_BUCKET;
const FLAG = '__bookstoreScriptRan';

/**
 * The attacker's notebook: script in outputs, and `trusted` on its code cell unless `trusted` is undefined
 * (on a markdown cell too it would defeat the attack: the server signs the notebook with the field and
 * writes it without, so the signature would not match).
 */
function hostile(trusted) {
  const metadata = trusted === undefined ? {} : { trusted };
  return {
    cells: [
      {
        cell_type: 'code',
        execution_count: 1,
        id: 'script',
        metadata,
        // Unique per run: the server remembers the signatures of notebooks it trusted, by content.
        source: `from IPython.display import HTML, Javascript  # ${Date.now()}`,
        outputs: [
          {
            output_type: 'display_data',
            metadata: {},
            data: { 'text/html': `<img src="x-missing.png" onerror="window.${FLAG} = 'html'">`, 'text/plain': 'html' }
          },
          {
            output_type: 'display_data',
            metadata: {},
            data: { 'application/javascript': `window.${FLAG} = 'javascript'`, 'text/plain': 'js' }
          }
        ]
      },
      { cell_type: 'markdown', id: 'notes', metadata: {}, source: 'Stored by someone else.' }
    ],
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    nbformat: 4,
    nbformat_minor: 5
  };
}

const harmless = {
  cells: [{ cell_type: 'markdown', id: 'mine', metadata: {}, source: 'My own notebook.' }],
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  nbformat: 4,
  nbformat_minor: 5
};

async function files(request) {
  return (await (await request.get('api/contents')).json()).content.map(f => f.name);
}

/** The one file that appeared in the root folder since `before`. */
async function newFile(request, before) {
  let added = [];
  await expect.poll(async () => (added = (await files(request)).filter(name => !before.includes(name))).length).toBe(1);
  return added[0];
}

/** Waits until the visible notebook's outputs are rendered and their images have loaded or failed. */
async function outputsSettled(page, selector = '.jp-NotebookPanel:visible') {
  const area = page.locator(`${selector} .jp-OutputArea-output`).first();
  await expect(area).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(
        sel => [...document.querySelectorAll(`${sel} img`)].every(img => img.complete),
        selector.replace(':visible', ':not(.lm-mod-hidden)')
      )
    )
    .toBe(true);
}

/** No script of the stored notebook ran in this page. */
async function expectNoScriptRan(page) {
  expect(await page.evaluate(flag => window[flag] ?? null, FLAG)).toBeNull();
}

/** JupyterLab's own trust indicator (status bar) for the notebook in front. */
async function expectShownUntrusted(page) {
  await expect(page.locator('.jp-StatusItem-trust')).toHaveAttribute(
    'title',
    /^Notebook not trusted: 0 of [1-9]\d* code cells trusted/
  );
}

/** What the Jupyter server says of the file's cells: each code cell untrusted. */
async function expectServerUntrusted(request, file) {
  const model = await (await request.get(`api/contents/${encodeURIComponent(file)}?content=1`)).json();
  const code = model.content.cells.filter(cell => cell.cell_type === 'code');
  expect(code.length).toBeGreaterThan(0);
  expect(code.map(cell => cell.metadata.trusted)).toEqual(code.map(() => false));
}

/** The one new file, opened in front: nothing of it ran, and JupyterLab and the server call it untrusted. */
async function expectCloneUntrusted(page, request, before) {
  const clone = await newFile(request, before);
  await expect(page.locator('.lm-DockPanel-tabBar .lm-mod-current')).toContainText(clone);
  await outputsSettled(page);
  await expectNoScriptRan(page);
  await expectShownUntrusted(page);
  await expectServerUntrusted(request, clone);
  return clone;
}

/** Closes every tab, discarding unsaved changes (earlier specs may leave a notebook edited). */
async function closeAll(page) {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^File$/ }).click();
  await page.getByRole('menuitem', { name: 'Close All Tabs' }).click();
  // JupyterLab opens a Launcher once a page it just loaded has an empty main area, maybe after this ran.
  const tabs = page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab').filter({ hasNotText: 'Launcher' });
  const discard = page.locator('.jp-Dialog').getByRole('button', { name: /Discard|Don't Save/ });
  for (let i = 0; i < 10 && (await tabs.count()) > 0; i++) {
    if (await discard.isVisible()) {
      await discard.click();
    }
    await page.waitForTimeout(200);
  }
  await expect(tabs).toHaveCount(0);
}

test.describe.configure({ mode: 'serial' });

for (const [variant, trusted] of [
  ['cells that say "trusted": true', true],
  ['cells without the field', undefined]
]) {
  test.describe(`A stored notebook with ${variant}`, () => {
    const name = trusted ? 'claims-trust.ipynb' : 'plain-outputs.ipynb';
    const stem = name.replace('.ipynb', '');
    /** @type {import('@playwright/test').Page} */
    let page;

    test.beforeAll(async ({ browser, request }) => {
      await configureTestServer(request);
      const body = JSON.stringify(hostile(trusted));
      s3peek('put-text', BUCKET, `workspace/${name}`, body);
      s3peek('put-text', BUCKET, `published/${name}`, body);
      // The user's own notebook at that path, whose history holds the stored version.
      const response = await request.put(`api/contents/${name}`, {
        data: { type: 'notebook', format: 'json', content: harmless }
      });
      expect(response.ok()).toBeTruthy();
      page = await newPage(browser);
    });

    test.afterAll(async () => {
      await page.context().close();
    });

    test('its preview runs no script', async () => {
      await openNotebook(page, name);
      const panel = await openHistory(page);
      await versionAction(panel.locator('.jp-bookstore-version[data-scope="workspace"]').first(), 'Open');
      await outputsSettled(page, '.jp-bookstore-preview:visible');
      await expectNoScriptRan(page);
    });

    test('cloned from the history panel, it opens untrusted', async ({ request }) => {
      await openNotebook(page, name);
      const before = await files(request);
      const panel = await openHistory(page);
      await versionAction(panel.locator('.jp-bookstore-version[data-scope="workspace"]').first(), 'Clone');
      const clone = await expectCloneUntrusted(page, request, before);
      expect(clone).toMatch(new RegExp(`^${stem}-\\d+\\.ipynb$`));
    });

    test('cloned from a clone link, it opens untrusted', async ({ request }) => {
      const before = await files(request);
      await page.goto(`lab?bookstore-clone=${encodeURIComponent(`s3://${BUCKET}/published/${name}`)}`);
      const dialog = page.locator('.jp-Dialog');
      await expect(dialog).toContainText('untrusted');
      await dialog.getByRole('button', { name: 'Clone' }).click();
      await expectCloneUntrusted(page, request, before);
    });

    test('cloned from the published browser, it opens untrusted', async ({ request }) => {
      await page.goto('lab');
      await closeAll(page);
      const before = await files(request);
      await page.locator('.lm-MenuBar-itemLabel', { hasText: /^File$/ }).click();
      await page.getByRole('menuitem', { name: 'Browse published notebooks…' }).click();
      const list = page.locator('.jp-bookstore-published-list');
      const option = list.locator('option', { hasText: `${name} (` });
      await list.selectOption(await option.getAttribute('value'));
      await page.locator('.jp-Dialog').getByRole('button', { name: 'Clone' }).click();
      await expectCloneUntrusted(page, request, before);
    });

    test('restored into the open notebook, it is untrusted, then and once reopened', async ({ request }) => {
      await openNotebook(page, name);
      const panel = await openHistory(page);
      // The stored version is the oldest workspace row (clones above made none of this path).
      await versionAction(panel.locator('.jp-bookstore-version[data-scope="workspace"]').last(), 'Restore');
      await page.locator('.jp-Dialog').getByRole('button', { name: 'Restore' }).click();
      await outputsSettled(page);
      await expect(page.locator('.jp-mod-current.jp-mod-dirty')).toHaveCount(0);
      await expectNoScriptRan(page);
      await expectShownUntrusted(page);
      await expectServerUntrusted(request, name);

      await page.reload();
      await openNotebook(page, name);
      await outputsSettled(page);
      await expectNoScriptRan(page);
      await expectShownUntrusted(page);
    });
  });
}
