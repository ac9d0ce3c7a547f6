/** The list of saves waiting to be archived, where the user retries now or discards chosen ones. */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type { IQueueItem } from '../core/queue';
import { exactTime } from '../core/time';

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
    const when = exactTime(item.savedAt);
    what.textContent =
      item.kind === 'publish'
        ? trans.__('%1, publish asked %2 (%3 attempts)', item.path, when, String(item.attempts))
        : item.kind === 'rename'
          ? trans.__('%1, renamed %2 (%3 attempts)', item.path, when, String(item.attempts))
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
