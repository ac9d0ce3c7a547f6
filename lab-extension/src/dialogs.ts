/** The extension's dialogs, built on JupyterLab's Dialog. Every string shown comes through `trans`. */
import { Clipboard, Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type { PublishedEntry, StoredVersion } from './backend';
import type { IQueueItem } from './queue';
import { ISessionCredentials } from './settings';

/** A form body: labelled inputs, read back by name. Text is set with textContent, never as HTML. */
class FormBody extends Widget implements Dialog.IBodyWidget<Record<string, string>> {
  constructor(fields: { name: string; label: string; type?: string; value?: string; placeholder?: string }[]) {
    super();
    this.addClass('jp-bookstore-form');
    for (const field of fields) {
      const label = document.createElement('label');
      label.textContent = field.label;
      const input = document.createElement('input');
      input.className = 'jp-mod-styled';
      input.name = field.name;
      input.type = field.type ?? 'text';
      input.value = field.value ?? '';
      input.placeholder = field.placeholder ?? '';
      input.autocomplete = 'off';
      label.appendChild(input);
      this.node.appendChild(label);
    }
  }

  getValue(): Record<string, string> {
    const values: Record<string, string> = {};
    this.node.querySelectorAll('input').forEach(input => (values[input.name] = input.value.trim()));
    return values;
  }
}

/** Rows of "label: value [Copy]". */
function copyRows(rows: [string, string][], trans: TranslationBundle): Widget {
  const body = new Widget();
  body.addClass('jp-bookstore-copy-rows');
  for (const [label, value] of rows) {
    const row = document.createElement('div');
    row.className = 'jp-bookstore-copy-row';
    const name = document.createElement('span');
    name.textContent = label;
    const code = document.createElement('code');
    code.textContent = value;
    const copy = document.createElement('button');
    copy.className = 'jp-Button jp-mod-styled jp-mod-reject';
    copy.textContent = trans.__('Copy');
    copy.addEventListener('click', () => Clipboard.copyToSystem(value));
    row.append(name, code, copy);
    body.node.appendChild(row);
  }
  return body;
}

export async function showPublished(stored: StoredVersion, trans: TranslationBundle): Promise<void> {
  await showDialog({
    title: stored.unchanged ? trans.__('Already published: no changes since') : trans.__('Notebook published'),
    body: copyRows(
      [
        [trans.__('Location'), `s3://${stored.bucket}/${stored.key}`],
        [trans.__('Version'), stored.versionId]
      ],
      trans
    ),
    buttons: [Dialog.okButton({ label: trans.__('Close') })]
  });
}

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

export async function askCredentials(trans: TranslationBundle): Promise<ISessionCredentials | null> {
  const result = await showDialog({
    title: trans.__('S3 credentials for this browser session'),
    body: new FormBody([
      { name: 'accessKeyId', label: trans.__('Access key id') },
      { name: 'secretAccessKey', label: trans.__('Secret access key'), type: 'password' },
      { name: 'sessionToken', label: trans.__('Session token (temporary credentials only)'), type: 'password' }
    ]),
    buttons: [Dialog.cancelButton({ label: trans.__('Cancel') }), Dialog.okButton({ label: trans.__('Use') })]
  });
  if (!result.button.accept || !result.value) {
    return null;
  }
  const { accessKeyId, secretAccessKey, sessionToken } = result.value;
  return { accessKeyId, secretAccessKey, sessionToken };
}

/** Lets the user pick one published notebook; null when cancelled. */
export async function pickPublished(entries: PublishedEntry[], trans: TranslationBundle): Promise<PublishedEntry | null> {
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

/** The bucket CORS configuration a browser client needs, for the bucket check's message. */
export function corsConfiguration(origin: string): string {
  return JSON.stringify(
    {
      CORSRules: [
        {
          AllowedOrigins: [origin],
          AllowedMethods: ['GET', 'PUT', 'HEAD'],
          AllowedHeaders: [
            'authorization',
            'content-type',
            'x-amz-date',
            'x-amz-content-sha256',
            'x-amz-security-token',
            'x-amz-user-agent',
            'x-amz-meta-bookstore-sha256'
          ],
          ExposeHeaders: ['ETag', 'x-amz-version-id', 'x-amz-request-id', 'Date', 'x-amz-meta-bookstore-sha256'],
          MaxAgeSeconds: 600
        }
      ]
    },
    null,
    2
  );
}

export async function showText(title: string, text: string, trans: TranslationBundle): Promise<void> {
  const body = new Widget({ node: document.createElement('pre') });
  body.node.textContent = text;
  body.addClass('jp-bookstore-text');
  await showDialog({
    title,
    body,
    buttons: [
      Dialog.createButton({ label: trans.__('Copy'), actions: ['copy'] }),
      Dialog.okButton({ label: trans.__('Close') })
    ]
  }).then(result => {
    if (result.button.actions.includes('copy')) {
      Clipboard.copyToSystem(text);
    }
  });
}

/** What the user chose in the list of waiting saves. */
export interface IPendingChoice {
  action: 'retry' | 'discard' | 'close';
  ids: string[];
}

/** Lists the saves waiting to be archived; the user can retry now or discard chosen ones. */
export async function showPending(items: IQueueItem[], trans: TranslationBundle): Promise<IPendingChoice> {
  const body = new Widget();
  body.addClass('jp-bookstore-pending');
  if (items.length === 0) {
    body.node.textContent = trans.__('Every save is archived.');
  }
  for (const item of items) {
    const row = document.createElement('label');
    row.className = 'jp-bookstore-pending-row';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = item.id;
    const what = document.createElement('span');
    const when = new Date(item.savedAt).toLocaleString();
    what.textContent =
      item.kind === 'publish'
        ? trans.__('%1, publish asked %2 (%3 attempts)', item.path, when, String(item.attempts))
        : trans.__('%1, saved %2 (%3 attempts)', item.path, when, String(item.attempts));
    row.append(box, what);
    if (item.lastError) {
      const error = document.createElement('div');
      error.className = 'jp-bookstore-pending-error';
      error.textContent = item.lastError;
      row.appendChild(error);
    }
    body.node.appendChild(row);
  }
  const result = await showDialog({
    title: trans.__('Saves waiting to be archived'),
    body,
    buttons: [
      Dialog.cancelButton({ label: trans.__('Close') }),
      Dialog.warnButton({ label: trans.__('Discard selected'), actions: ['discard'] }),
      Dialog.okButton({ label: trans.__('Retry now') })
    ]
  });
  const ids = [...body.node.querySelectorAll('input:checked')].map(box => (box as HTMLInputElement).value);
  if (result.button.actions.includes('discard')) {
    return { action: 'discard', ids };
  }
  return { action: result.button.accept ? 'retry' : 'close', ids };
}
