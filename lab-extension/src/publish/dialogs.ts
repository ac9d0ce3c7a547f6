/** The publish dialog: where the notebook was published, with copy buttons. */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import type { StoredVersion } from '../core/backend';
import { copyRows } from '../core/dialogs';
import { cloneLink } from '../core/links';

export async function showPublished(stored: StoredVersion, trans: TranslationBundle): Promise<void> {
  await showDialog({
    title: stored.unchanged ? trans.__('Already published: no changes since') : trans.__('Notebook published'),
    body: copyRows(
      [
        [trans.__('Location'), `s3://${stored.bucket}/${stored.key}`],
        [trans.__('Version'), stored.versionId],
        // What to send a colleague: opening it in their JupyterLab offers to clone this version.
        [trans.__('Clone link'), cloneLink(`s3://${stored.bucket}/${stored.key}?versionId=${stored.versionId}`)]
      ],
      trans
    ),
    buttons: [Dialog.okButton({ label: trans.__('Close') })]
  });
}
