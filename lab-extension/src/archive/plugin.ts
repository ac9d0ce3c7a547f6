/**
 * Archive on save: after each completed save of a notebook, the saved file is queued to become a new
 * version in S3; the save itself is never delayed. Uploads that fail are kept and retried, and say so.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, TranslationBundle } from '@jupyterlab/translation';

import { describeError } from '../core/messages';
import { detailsAction, notifyError } from '../core/notify';
import { mark } from '../core/timing';
import { CommandIDs, IBookstore, NotConfiguredError } from '../tokens';
import { translations } from '../core/trans';

export const archivePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-bookstore:archive',
  description: 'Archives every notebook save to S3 as a new version; failed uploads are kept and retried.',
  autoStart: true,
  requires: [IBookstore, INotebookTracker],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    bookstore: IBookstore,
    tracker: INotebookTracker,
    translator: ITranslator | null
  ) => {
    const trans = translations(translator);
    archiveEverySave(tracker, bookstore, trans);
    notifyFailedUploads(bookstore, app, trans);
    bookstore.persistFailed.connect((_, error) =>
      Notification.warning(
        trans.__(
          'This browser could not keep a save for archiving (%1); it is archived from memory, so keep the tab open until "Bookstore: idle".',
          describeError(error, trans)
        )
      )
    );
    bookstore.loaded
      .then(() => restoreEarlierSaves(bookstore, trans))
      .catch(error =>
        Notification.warning(
          trans.__('Saves kept from an earlier session could not be read: %1', describeError(error, trans))
        )
      );
  }
};

/** After each completed save, queue the saved file for archiving; the save itself is never delayed. */
function archiveEverySave(tracker: INotebookTracker, bookstore: IBookstore, trans: TranslationBundle): void {
  let warnedUnconfigured = false;
  tracker.widgetAdded.connect((_, panel) => {
    panel.context.saveState.connect(async (context, state) => {
      if (state !== 'completed') {
        return;
      }
      mark('saved', context.path);
      // A save made before the settings loaded is judged by them, not by the defaults.
      await bookstore.loaded;
      if (!bookstore.settings.archiveOnSave) {
        return;
      }
      if (bookstore.missing === 'bucket') {
        if (!warnedUnconfigured) {
          warnedUnconfigured = true;
          Notification.warning(
            trans.__('Saves are not archived: Bookstore has no bucket configured (Settings, Bookstore).')
          );
        }
        return;
      }
      bookstore
        .archiveSaved(context.path)
        .catch(error =>
          Notification.error(trans.__('Could not read %1 to archive it: %2', context.path, describeError(error, trans)))
        );
    });
  });
}

/** One notification per notebook while its uploads keep failing; cleared when one succeeds. */
function notifyFailedUploads(bookstore: IBookstore, app: JupyterFrontEnd, trans: TranslationBundle): void {
  const shown = new Map<string, string>();
  bookstore.uploadFailed.connect((_, { path, kind, error }) => {
    const message =
      kind === 'publish'
        ? trans.__('Publishing %1 failed; it will be retried. %2', path, describeError(error, trans))
        : kind === 'rename'
          ? trans.__('Recording the rename to %1 failed; it will be retried. %2', path, describeError(error, trans))
          : trans.__('Archiving %1 failed; it will be retried. %2', path, describeError(error, trans));
    const actions: Notification.IAction[] = [
      { label: trans.__('Retry now'), callback: () => bookstore.retryUploads() }
    ];
    if (error instanceof NotConfiguredError && error.missing === 'credentials') {
      actions.push({
        label: trans.__('Enter credentials'),
        callback: () => void app.commands.execute(CommandIDs.enterCredentials)
      });
    }
    const id = shown.get(path);
    if (id && Notification.manager.has(id)) {
      Notification.update({
        id,
        message,
        type: 'error',
        autoClose: false,
        actions: [...actions, detailsAction(trans, message)]
      });
    } else {
      shown.set(path, notifyError(trans, message, actions));
    }
  });
  bookstore.versionsChanged.connect((_, { path }) => {
    const id = shown.get(path);
    if (id) {
      Notification.dismiss(id);
      shown.delete(path);
    }
  });
}

/** Queues the saves an earlier page left unarchived (kept in the browser), and says how many. */
async function restoreEarlierSaves(bookstore: IBookstore, trans: TranslationBundle): Promise<void> {
  const count = await bookstore.restorePending();
  if (count > 0) {
    Notification.info(
      trans._n(
        'Archiving %1 save left from an earlier session.',
        'Archiving %1 saves left from an earlier session.',
        count
      ),
      { autoClose: 5000 }
    );
  }
}
