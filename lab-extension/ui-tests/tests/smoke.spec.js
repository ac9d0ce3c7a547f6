// Run against a JupyterLab built by `jupyter labextension install` (tests/run): the extension is part
// of the app, activates, and reaches S3 through its wasm backend.

const { expect, test } = require('./helpers');

test('the extension installed with `jupyter labextension install` activates and reaches S3', async ({ page }) => {
  await page.goto('lab');
  await expect(page.locator('.jp-bookstore-status')).toHaveText('Bookstore: idle');
  await page.locator('.jp-SideBar.jp-mod-right [title="Notebook versions (Bookstore)"]').click();
  await expect(page.locator('#jp-bookstore-history')).toContainText('Open a notebook to see its versions.');
  // The bucket check runs the wasm backend against S3; it reports only problems, so a clean start
  // shows no Bookstore error.
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^File$/ }).click();
  await expect(page.getByRole('menuitem', { name: 'Publish notebook' })).toBeVisible();
  await page.keyboard.press('Escape');
  // The app this install path builds is a development build, slow to settle: the palette can close
  // under the keys of a first try. Another try is what a user would do.
  const ready = page.locator('.jp-toast-message', { hasText: 'keeps every version' });
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+C');
    await page.locator('.lm-CommandPalette-input').fill('Check Bookstore bucket', { timeout: 5000 });
    await page.keyboard.press('Enter');
    await expect(ready).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 120_000 });
});
