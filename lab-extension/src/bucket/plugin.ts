/**
 * "Check Bookstore bucket" (run at start-up too) and "Enter S3 credentials for this session": whether the
 * bucket keeps versions and lets this page read what it needs, with the fix when it does not.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, TranslationBundle } from '@jupyterlab/translation';

import { showText } from '../core/dialogs';
import { notifyError, notifyFailure } from '../core/notify';
import { CommandIDs, IBookstore } from '../tokens';
import { translations } from '../core/trans';
import { corsConfiguration } from './cors';
import { askCredentials } from './dialogs';
import { reasonText } from '../core/messages';
import type { BucketReport } from '../core/backend';
import { exactTime } from '../core/time';
import { retentionText } from './retention';

export const bucketPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-bookstore:bucket',
  description: 'Checks the bucket and takes S3 credentials for this browser session.',
  autoStart: true,
  requires: [IBookstore],
  optional: [ITranslator, ICommandPalette, INotebookTracker],
  activate: (
    app: JupyterFrontEnd,
    bookstore: IBookstore,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    tracker: INotebookTracker | null
  ) => {
    const trans = translations(translator);
    app.commands.addCommand(CommandIDs.checkBucket, {
      label: trans.__('Check Bookstore bucket'),
      execute: args => checkBucket(bookstore, tracker, trans, Boolean(args.quiet))
    });
    app.commands.addCommand(CommandIDs.enterCredentials, {
      label: trans.__('Enter S3 credentials for this session…'),
      execute: async () => {
        const credentials = await askCredentials(trans);
        if (credentials) {
          bookstore.setSessionCredentials(credentials);
        }
      }
    });
    for (const command of [CommandIDs.checkBucket, CommandIDs.enterCredentials]) {
      palette?.addItem({ command, category: 'Bookstore' });
    }
    void bookstore.loaded.then(() => {
      const settings = bookstore.settings;
      if (settings.credentialsMode === 'session' && settings.bucket && !bookstore.hasSessionCredentials) {
        void app.commands.execute(CommandIDs.enterCredentials);
      } else if (settings.checkOnStartup && bookstore.missing === null) {
        void app.commands.execute(CommandIDs.checkBucket, { quiet: true });
      }
    });
  }
};

/** Where the credentials come from and until when, for the "ready" message. */
function credentialsText(report: BucketReport, trans: TranslationBundle): string {
  const who = report.identity ? trans.__('S3 knows you as %1.', report.identity) : '';
  const source =
    report.credentialSource === 'url'
      ? trans.__('Credentials come from the credentials URL.')
      : report.credentialSource === 'web-identity'
        ? trans.__('Credentials come from STS, for your web identity.')
        : '';
  const renewed =
    report.credentialsExpire === undefined
      ? ''
      : trans.__('They are renewed before they expire (next at %1).', exactTime(report.credentialsExpire));
  return [who, source, renewed].filter(Boolean).join('\n');
}

/** Reports each problem the bucket check finds, with its fix; `quiet` leaves out the "ready" message. */
async function checkBucket(
  bookstore: IBookstore,
  tracker: INotebookTracker | null,
  trans: TranslationBundle,
  quiet: boolean
): Promise<void> {
  try {
    const client = await bookstore.client();
    const report = await client.checkBucket();
    if (report.problems.length === 0 && !quiet) {
      // A toast shows 140 characters: the credentials' details (an ARN is long) are one click away.
      const details = credentialsText(report, trans);
      const actions: Notification.IAction[] = details
        ? [
            {
              label: trans.__('Credentials'),
              callback: () => void showText(trans.__('Bookstore credentials'), details, trans)
            }
          ]
        : [];
      const path = tracker?.currentWidget?.context.path ?? null;
      actions.push({
        label: trans.__('Retention'),
        callback: () =>
          void (path ? client.listVersions(path, 'workspace') : Promise.resolve(null))
            .then(list => (list && path ? { path, versions: list.versions } : null))
            .then(history => retentionText(report, bookstore.settings.tagVersions, history, trans))
            .then(text => showText(trans.__('What the bucket keeps'), text, trans))
            .catch(error => notifyFailure(trans, trans.__('Listing the history failed'), error))
      });
      Notification.success(trans.__('Bucket %1 keeps every version: Bookstore is ready.', report.bucket), {
        autoClose: 5000,
        actions
      });
    }
    for (const problem of report.problems) {
      const actions: Notification.IAction[] = [];
      if (problem.code === 'Network') {
        actions.push({
          label: trans.__('Show CORS configuration'),
          callback: () =>
            void showText(
              trans.__('Bucket CORS configuration for this page'),
              corsConfiguration(window.location.origin),
              trans
            )
        });
      }
      notifyError(trans, reasonText(problem, trans), actions);
    }
  } catch (error) {
    notifyFailure(trans, trans.__('Bucket check failed'), error);
  }
}
