/** The credentials dialog and the CORS configuration the bucket check shows. */
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
