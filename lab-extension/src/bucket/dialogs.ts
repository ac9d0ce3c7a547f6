/** The dialog that takes S3 credentials for this browser session only. */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import { FormBody } from '../core/dialogs';
import type { ISessionCredentials } from '../core/settings';

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
