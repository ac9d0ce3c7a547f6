/**
 * The status bar item ("Bookstore: idle", "uploading", "N saves not archived") and the list of waiting
 * saves it opens, where the user retries now or discards saves.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator } from '@jupyterlab/translation';

import { CommandIDs, IBookstore, PLUGIN_ID } from '../tokens';
import { translations } from '../core/trans';
import { ArchiveStatus } from './ArchiveStatus';
import { showPending } from './pending';

export const statusBarPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-bookstore:status',
  description: 'Shows whether every save is archived, and lists the saves still waiting.',
  autoStart: true,
  requires: [IBookstore],
  optional: [ITranslator, ICommandPalette, IStatusBar],
  activate: (
    app: JupyterFrontEnd,
    bookstore: IBookstore,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    statusBar: IStatusBar | null
  ) => {
    const trans = translations(translator);
    app.commands.addCommand(CommandIDs.retryUploads, {
      label: trans.__('Retry failed Bookstore uploads'),
      execute: () => bookstore.retryUploads()
    });
    app.commands.addCommand(CommandIDs.pendingUploads, {
      label: trans.__('Saves waiting to be archived…'),
      execute: async () => {
        const choice = await showPending(bookstore.pendingItems, trans);
        if (choice.action === 'retry') {
          bookstore.retryUploads();
        } else if (choice.action === 'discard') {
          for (const id of choice.ids) {
            if (!(await bookstore.discard(id))) {
              Notification.warning(
                trans.__('A save that is uploading right now cannot be discarded; try again in a moment.')
              );
            }
          }
        }
      }
    });
    for (const command of [CommandIDs.retryUploads, CommandIDs.pendingUploads]) {
      palette?.addItem({ command, category: 'Bookstore' });
    }
    if (statusBar) {
      const status = new ArchiveStatus(trans, () => void app.commands.execute(CommandIDs.pendingUploads));
      statusBar.registerStatusItem(`${PLUGIN_ID}-status`, { item: status, align: 'left', rank: 5 });
      bookstore.stateChanged.connect((_, state) => status.setState(state));
    }
  }
};
