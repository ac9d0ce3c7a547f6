/**
 * Archive on save: after each completed save of a notebook, the saved file is queued to become a new
 * version in S3; the save itself is never delayed. Saves someone asked for become versions at once,
 * autosaves at most every few minutes (`autoversions.ts`); under real-time collaboration, each save once,
 * whoever made it (`collaborative.ts`). Uploads that fail are kept and retried, and say so.
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
import { AutoVersions } from './autoversions';
import { Collaboration } from './collaborative';
import { ExplicitSaves, SAVING_COMMANDS } from './explicit';

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
    archiveEverySave(app, tracker, bookstore, trans);
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

/** How long an automatic version waits at least (see `AutoVersions`). */
const SETTLE_MS = 2_000;

/**
 * After each completed save, queue the saved file for archiving; the save itself is never delayed.
 * Saves someone asked for are archived at once; the others (autosave, the server's saves under RTC) make
 * a version at most every `autoVersionMinutes`.
 */
function archiveEverySave(
  app: JupyterFrontEnd,
  tracker: INotebookTracker,
  bookstore: IBookstore,
  trans: TranslationBundle
): void {
  const archive = archiver(bookstore, trans);
  const explicit = new ExplicitSaves();
  const auto = new AutoVersions(archive, () => bookstore.settings.autoVersionMinutes, SETTLE_MS);
  const collaboration = new Collaboration(app.serviceManager.contents, auto, archive, path =>
    bookstore.historyMayHaveChanged(path)
  );
  const asked = (path: string) => {
    explicit.mark([path]);
    collaboration.announceExplicit(path);
  };
  bookstore.saveAsked.connect((_, path) => asked(path));
  bookstore.stateChanged.connect(() => collaboration.keeping(bookstore.pendingItems));
  bookstore.setUploadGate((path, savedAt) => collaboration.turn(path, savedAt));
  app.commands.commandExecuted.connect((_, { id }) => {
    if (SAVING_COMMANDS.includes(id)) {
      const panels = id === 'docmanager:save-all' ? tracker.filter(() => true) : [tracker.currentWidget];
      panels.forEach(panel => panel && asked(panel.context.path));
    }
  });
  tracker.widgetAdded.connect((_, panel) => {
    void Promise.all([panel.context.ready, bookstore.loaded]).then(() => {
      if (Collaboration.isShared(panel) && archiving(bookstore)) {
        collaboration.follow(panel);
      }
    });
    panel.context.saveState.connect(async (context, state) => {
      if (state !== 'completed') {
        return;
      }
      mark('saved', context.path);
      const wasAsked = explicit.take(context.path);
      // A save made before the settings loaded is judged by them, not by the defaults.
      await bookstore.loaded;
      if (wasAsked && Collaboration.isShared(panel)) {
        collaboration.savedExplicitly(context.path);
      } else if (wasAsked) {
        auto.archivedExplicitly(context.path);
        archive(context.path);
      } else if (!Collaboration.isShared(panel)) {
        auto.saved(context.path);
      }
      // Under RTC, an unasked save here is JupyterLab's autosave asking the server to write: every tab
      // hears of that write, and one of them archives it (collaborative.ts).
    });
  });
}

function archiving(bookstore: IBookstore): boolean {
  return bookstore.settings.archiveOnSave && bookstore.missing !== 'bucket';
}

/** Queues the saved file at a path for archiving, when the settings say to. */
function archiver(bookstore: IBookstore, trans: TranslationBundle): (path: string) => void {
  let warnedUnconfigured = false;
  return path => {
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
      .archiveSaved(path)
      .catch(error =>
        Notification.error(trans.__('Could not read %1 to archive it: %2', path, describeError(error, trans)))
      );
  };
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
