/**
 * Bookstore for JupyterLab: archives every notebook save to S3, lists and restores versions, clones and
 * publishes. Everything runs in the browser; S3 calls go through the wasm backend (see backend.ts).
 */
import { ILabShell, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator, nullTranslator, TranslationBundle } from '@jupyterlab/translation';

import { describeError } from './backend';
import { handleCloneLink, takeCloneLink } from './clonelink';
import { addCommands, detailsAction, notifyError } from './commands';
import { showPublished } from './dialogs';
import { BookstoreModel, NotConfiguredError } from './model';
import { HistoryPanel } from './panel/HistoryPanel';
import { readSettings } from './settings';
import { ArchiveStatus } from './statusbar';
import { mark } from './timing';
import { CommandIDs, PLUGIN_ID, TRANSLATION_DOMAIN } from './tokens';

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Notebook versions on S3: archive every save, browse, restore, clone and publish.',
  autoStart: true,
  requires: [INotebookTracker, ISettingRegistry, IRenderMimeRegistry],
  optional: [ITranslator, ICommandPalette, IStatusBar, ILabShell],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    settingRegistry: ISettingRegistry,
    rendermime: IRenderMimeRegistry,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    statusBar: IStatusBar | null,
    labShell: ILabShell | null
  ) => {
    const trans = (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
    // Read before JupyterLab's router can rewrite the address.
    const cloneLink = takeCloneLink();
    const model = new BookstoreModel(app.serviceManager.contents, {
      notConfigured: what =>
        what === 'bucket'
          ? trans.__('Bookstore has no bucket configured. Set one in Settings, Bookstore.')
          : trans.__('Bookstore has no S3 credentials. Enter them in Settings, Bookstore, or for this session only with "Enter S3 credentials for this session".')
    });

    addCommands({ app, model, tracker, rendermime, trans });
    for (const command of [
      CommandIDs.publish,
      CommandIDs.clone,
      CommandIDs.browsePublished,
      CommandIDs.checkBucket,
      CommandIDs.enterCredentials,
      CommandIDs.retryUploads,
      CommandIDs.pendingUploads
    ]) {
      palette?.addItem({ command, category: 'Bookstore' });
    }

    const panel = new HistoryPanel({ model, tracker, commands: app.commands, trans });
    app.shell.add(panel, 'right', { rank: 600 });
    app.commands.addCommand(CommandIDs.showHistory, {
      label: trans.__('Show notebook versions'),
      execute: () => (labShell ? labShell.activateById(panel.id) : app.shell.activateById(panel.id))
    });

    if (statusBar) {
      const status = new ArchiveStatus(trans, () => void app.commands.execute(CommandIDs.pendingUploads));
      statusBar.registerStatusItem(`${PLUGIN_ID}-status`, { item: status, align: 'left', rank: 5 });
      model.stateChanged.connect((_, state) => status.setState(state));
    }

    notifyFailedUploads(model, app, trans);
    model.persistFailed.connect((_, error) =>
      Notification.warning(
        trans.__('This browser could not keep a save for archiving (%1); it is archived from memory, so keep the tab open until "Bookstore: idle".', describeError(error))
      )
    );
    archiveEverySave(tracker, model, trans);

    Promise.all([app.restored, settingRegistry.load(PLUGIN_ID)])
      .then(([, setting]) => {
        const apply = () => model.configure(readSettings(setting.composite));
        apply();
        setting.changed.connect(apply);
        const settings = model.settings;
        if (settings.credentialsMode === 'session' && settings.bucket && !model.hasSessionCredentials) {
          void app.commands.execute(CommandIDs.enterCredentials);
        } else if (settings.checkOnStartup && model.missing === null) {
          void app.commands.execute(CommandIDs.checkBucket, { quiet: true });
        }
        if (cloneLink) {
          void handleCloneLink(cloneLink, app.commands, trans);
        }
        return model.restorePending().then(count => {
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
        });
      })
      .catch(error => Notification.error(trans.__('Bookstore could not load its settings: %1', describeError(error))));
  }
};

/** After each completed save, queue the saved file for archiving; the save itself is never delayed. */
function archiveEverySave(tracker: INotebookTracker, model: BookstoreModel, trans: TranslationBundle): void {
  let warnedUnconfigured = false;
  tracker.widgetAdded.connect((_, panel) => {
    panel.context.saveState.connect(async (context, state) => {
      if (state !== 'completed') {
        return;
      }
      mark('saved', context.path);
      // A save made before the settings loaded is judged by them, not by the defaults.
      await model.loaded;
      if (!model.settings.archiveOnSave) {
        return;
      }
      if (model.missing === 'bucket') {
        if (!warnedUnconfigured) {
          warnedUnconfigured = true;
          Notification.warning(trans.__('Saves are not archived: Bookstore has no bucket configured (Settings, Bookstore).'));
        }
        return;
      }
      model.archiveSaved(context.path).catch(error =>
        Notification.error(trans.__('Could not read %1 to archive it: %2', context.path, describeError(error)))
      );
    });
  });
}

/** One notification per notebook while its uploads keep failing; cleared when one succeeds. */
function notifyFailedUploads(model: BookstoreModel, app: JupyterFrontEnd, trans: TranslationBundle): void {
  const shown = new Map<string, string>();
  model.uploadFailed.connect((_, { path, kind, error }) => {
    const message =
      kind === 'publish'
        ? trans.__('Publishing %1 failed; it will be retried. %2', path, describeError(error))
        : trans.__('Archiving %1 failed; it will be retried. %2', path, describeError(error));
    const actions: Notification.IAction[] = [
      { label: trans.__('Retry now'), callback: () => model.retryUploads() }
    ];
    if (error instanceof NotConfiguredError && error.missing === 'credentials') {
      actions.push({ label: trans.__('Enter credentials'), callback: () => void app.commands.execute(CommandIDs.enterCredentials) });
    }
    const id = shown.get(path);
    if (id && Notification.manager.has(id)) {
      Notification.update({ id, message, type: 'error', autoClose: false, actions: [...actions, detailsAction(trans, message)] });
    } else {
      shown.set(path, notifyError(trans, message, actions));
    }
  });
  model.publishedLater.connect((_, { path, stored }) => {
    Notification.success(trans.__('Published %1 after a retry.', path), {
      autoClose: false,
      actions: [{ label: trans.__('Show'), callback: () => void showPublished(stored, trans) }]
    });
  });
  model.versionsChanged.connect((_, { path }) => {
    const id = shown.get(path);
    if (id) {
      Notification.dismiss(id);
      shown.delete(path);
    }
  });
}

export default plugin;
