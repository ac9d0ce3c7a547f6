/** The clone dialogs: a location typed in, a published notebook picked, a clone link confirmed. */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type { PublishedEntry } from '../core/backend';
import { FormBody } from '../core/dialogs';

export interface ICloneRequest {
  bucket: string;
  key: string;
  versionId?: string;
}

export async function askCloneLocation(defaultBucket: string, trans: TranslationBundle): Promise<ICloneRequest | null> {
  const result = await showDialog({
    title: trans.__('Clone notebook from S3'),
    body: new FormBody([
      { name: 'bucket', label: trans.__('Bucket'), value: defaultBucket },
      { name: 'key', label: trans.__('Key'), placeholder: 'published/folder/notebook.ipynb' },
      { name: 'versionId', label: trans.__('Version id (optional; latest when empty)') }
    ]),
    buttons: [Dialog.cancelButton({ label: trans.__('Cancel') }), Dialog.okButton({ label: trans.__('Clone') })]
  });
  if (!result.button.accept || !result.value) {
    return null;
  }
  const { bucket, key, versionId } = result.value;
  return { bucket, key, versionId: versionId || undefined };
}

/** Lets the user pick one published notebook; null when cancelled. */
export async function pickPublished(
  entries: PublishedEntry[],
  trans: TranslationBundle
): Promise<PublishedEntry | null> {
  const body = new Widget({ node: document.createElement('select') });
  const select = body.node as HTMLSelectElement;
  select.className = 'jp-mod-styled jp-bookstore-published-list';
  select.size = Math.min(12, Math.max(2, entries.length));
  entries.forEach((entry, index) => {
    const option = document.createElement('option');
    option.value = String(index);
    option.textContent = `${entry.path} (${new Date(entry.lastModified).toLocaleString()})`;
    select.appendChild(option);
  });
  select.selectedIndex = 0;
  const result = await showDialog({
    title: trans.__('Published notebooks'),
    body,
    buttons: [Dialog.cancelButton({ label: trans.__('Cancel') }), Dialog.okButton({ label: trans.__('Clone') })]
  });
  return result.button.accept && select.selectedIndex >= 0 ? entries[select.selectedIndex] : null;
}

/** Asks before cloning from a link; a link can come from anyone. */
export async function confirmCloneLink(uri: string, trans: TranslationBundle): Promise<boolean> {
  const body = new Widget();
  const what = document.createElement('p');
  what.textContent = trans.__('A link asks to clone this notebook into a new file:');
  const where = document.createElement('code');
  where.textContent = uri;
  const warning = document.createElement('p');
  warning.textContent = trans.__(
    'Clone only from locations you trust. The copy opens untrusted: its JavaScript outputs do not run until you trust it.'
  );
  body.node.append(what, where, warning);
  const result = await showDialog({
    title: trans.__('Clone notebook from a link?'),
    body,
    buttons: [Dialog.cancelButton({ label: trans.__('Cancel') }), Dialog.warnButton({ label: trans.__('Clone') })]
  });
  return result.button.accept;
}
