// A version written by a scheduled run (papermill with bookstore:// paths, through the Python module built
// from the crate) is marked in the history panel, which opens the very version of the notebook it ran.

const { execFileSync } = require('child_process');

const {
  configureTestServer,
  expect,
  openHistory,
  openNotebook,
  putNotebook,
  test,
  versionAction
} = require('./helpers');

const SOURCE = 'scheduled/report.ipynb';
const OUTPUT = 'report-2026-12-01.ipynb';

/** The environment a scheduler would give papermill: the test server, the extension's default prefixes. */
const SCHEDULER_ENV = {
  ...process.env,
  AWS_ENDPOINT_URL: process.env.BOOKSTORE_TEST_ENDPOINT,
  AWS_ACCESS_KEY_ID: process.env.BOOKSTORE_TEST_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY: process.env.BOOKSTORE_TEST_SECRET_ACCESS_KEY,
  AWS_REGION: 'us-east-1',
  BOOKSTORE_BUCKET: process.env.BOOKSTORE_TEST_BUCKET,
  BOOKSTORE_PATH_STYLE: 'true'
};

function report(version) {
  const cell = (id, source, tags = []) => ({
    cell_type: 'code',
    execution_count: null,
    id,
    metadata: { tags },
    outputs: [],
    source
  });
  return JSON.stringify({
    cells: [cell('p', 'region = "US"', ['parameters']), cell('r', `print(region, "${version}")`)],
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    nbformat: 4,
    nbformat_minor: 5
  });
}

/** Publishes `content` at `path` with the Python module; the version id S3 gave it. */
function publish(path, content) {
  const code = 'import sys, bookstore_s3; print(bookstore_s3.publish(sys.argv[1], sys.stdin.buffer.read()).version_id)';
  return execFileSync('python3', ['-c', code, path], { env: SCHEDULER_ENV, input: content }).toString().trim();
}

test('a scheduled run is marked in the history, and opens the version of the notebook it ran', async ({
  page,
  request
}) => {
  await configureTestServer(request);
  const ran = publish(SOURCE, report('first'));
  publish(SOURCE, report('second'));
  execFileSync(
    'python3',
    [
      '-m',
      'papermill',
      '--no-progress-bar',
      `bookstore://published/${SOURCE}?versionId=${ran}`,
      `bookstore://${OUTPUT}`,
      '-p',
      'region',
      'EU'
    ],
    { env: SCHEDULER_ENV, stdio: 'pipe', timeout: 120_000 }
  );
  // The output as a data scientist finds it in JupyterLab (a sync of the bucket, say).
  await putNotebook(request, OUTPUT, JSON.parse(report('first')));

  await openNotebook(page, OUTPUT);
  const panel = await openHistory(page);
  const row = panel.locator('.jp-bookstore-version').filter({ hasText: 'scheduled run of report.ipynb' });
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('aria-label', /written by a scheduled run of report\.ipynb/);

  await versionAction(row, /^Open the notebook the run of/);
  const preview = page.locator('.jp-bookstore-preview-panel:visible');
  await expect(preview).toContainText('print(region, "first")');
  await expect(page.locator('.lm-DockPanel-tabBar .lm-mod-current')).toContainText('report.ipynb (');

  // The row's menu offers the same.
  await row.click({ button: 'right' });
  await expect(page.locator('.jp-bookstore-version-menu')).toContainText('Open the notebook it ran');
  await page.keyboard.press('Escape');
});
