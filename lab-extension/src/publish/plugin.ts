/**
 * "Publish notebook" (File menu, notebook toolbar, palette): copies the saved notebook to the published
 * prefix, after its waiting saves. A publish that fails is kept and retried like a save.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { Dialog, ICommandPalette, Notification, showDialog } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, TranslationBundle } from '@jupyterlab/translation';

import { StoredVersion } from '../core/backend';
import { describeError } from '../core/messages';
import { detailsAction } from '../core/notify';
import { CommandIDs, IBookstore, NotConfiguredError } from '../tokens';
import { translations } from '../core/trans';
import { showPublished } from './dialogs';

export const publishPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-bookstore:publish',
  description: 'Publishes the saved notebook to the published prefix for others to find and clone.',
  autoStart: true,
  requires: [IBookstore, INotebookTracker],
  optional: [ITranslator, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    bookstore: IBookstore,
    tracker: INotebookTracker,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ) => {
    const trans = translations(translator);
    app.commands.addCommand(CommandIDs.publish, {
      label: trans.__('Publish notebook'),
      caption: trans.__('Copy the saved notebook to the published prefix for others to find and clone'),
      isEnabled: () => tracker.currentWidget !== null,
      execute: async () => {
        const panel = tracker.currentWidget;
        if (panel && (await savedFirst(bookstore, panel.context, trans))) {
          await publish(bookstore, panel.context.path, trans);
        }
      }
    });
    palette?.addItem({ command: CommandIDs.publish, category: 'Bookstore' });
    bookstore.publishedLater.connect((_, { path, stored }) => {
      const message = trans.__('Published %1 after a retry.', path);
      const options = { autoClose: false as const, actions: [showAction(stored, trans)] };
      // The "failed; it is kept" notice of that publish becomes its success, rather than staying red.
      const id = keptNotices.get(path)?.shift();
      if (!id || !Notification.update({ id, message, type: 'success', ...options })) {
        Notification.success(message, options);
      }
    });
  }
};

/** Per notebook, the ids of the notifications of publishes kept for a retry, oldest first. */
const keptNotices = new Map<string, string[]>();

function showAction(stored: StoredVersion, trans: TranslationBundle): Notification.IAction {
  return { label: trans.__('Show'), callback: () => void showPublished(stored, trans) };
}

/** Publishing sends the saved file: with unsaved changes, asks to save first. False when cancelled. */
async function savedFirst(
  bookstore: IBookstore,
  context: { path: string; model: { dirty: boolean }; save(): Promise<void> },
  trans: TranslationBundle
): Promise<boolean> {
  if (!context.model.dirty) {
    return true;
  }
  const answer = await showDialog({
    title: trans.__('Save before publishing?'),
    body: trans.__('The notebook has unsaved changes. Publishing sends the saved file.'),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.okButton({ label: trans.__('Save and publish') })
    ]
  });
  if (answer.button.accept) {
    bookstore.saveRequested(context.path);
    await context.save();
  }
  return answer.button.accept;
}

/** Publishes `path`, reporting progress and the result in one notification. */
async function publish(bookstore: IBookstore, path: string, trans: TranslationBundle): Promise<void> {
  const id = Notification.emit(trans.__('Publishing %1…', path), 'in-progress', { autoClose: false });
  let stored: StoredVersion | null;
  try {
    stored = await bookstore.publish(path);
  } catch (error) {
    // Only a publish that could not even be queued (no settings, unreadable file) is gone.
    const kept = !(error instanceof NotConfiguredError) && bookstore.pendingItems.some(item => item.path === path);
    const message = kept
      ? trans.__(
          'Publishing %1 failed; it is kept and will be retried (see the status bar). %2',
          path,
          describeError(error, trans)
        )
      : trans.__('Publishing %1 failed: %2', path, describeError(error, trans));
    Notification.update({ id, message, type: 'error', autoClose: false, actions: [detailsAction(trans, message)] });
    if (kept) {
      keptNotices.set(path, [...(keptNotices.get(path) ?? []), id]);
    }
    return;
  }
  if (stored === null) {
    Notification.update({
      id,
      message: trans.__('%1 was published from another tab.', path),
      type: 'success',
      autoClose: 4000
    });
    return;
  }
  Notification.update({ id, message: trans.__('Published %1', path), type: 'success', autoClose: 3000 });
  await showPublished(stored, trans);
}
