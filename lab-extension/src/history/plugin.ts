/**
 * The history panel (right sidebar): the versions of the current notebook, newest first, with a
 * preview, a comparison with the saved notebook, restore, clone and copy for each.
 */
import { ILabShell, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ITranslator } from '@jupyterlab/translation';

import { CommandIDs, IBookstore } from '../tokens';
import { translations } from '../core/trans';
import { addVersionCommands } from './commands';
import { HistoryPanel } from './HistoryPanel';

export const historyPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-bookstore:history',
  description: 'Lists the versions of the current notebook; each can be previewed, compared and restored.',
  autoStart: true,
  requires: [IBookstore, INotebookTracker, IRenderMimeRegistry],
  optional: [ITranslator, ICommandPalette, ILabShell],
  activate: (
    app: JupyterFrontEnd,
    bookstore: IBookstore,
    tracker: INotebookTracker,
    rendermime: IRenderMimeRegistry,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    labShell: ILabShell | null
  ) => {
    const trans = translations(translator);
    addVersionCommands({ app, bookstore, tracker, rendermime, trans });
    const panel = new HistoryPanel({ bookstore, tracker, commands: app.commands, trans });
    app.shell.add(panel, 'right', { rank: 600 });
    app.commands.addCommand(CommandIDs.showHistory, {
      label: trans.__('Show notebook versions'),
      execute: () => {
        (labShell ?? app.shell).activateById(panel.id);
        // After the panel is shown and drawn: from the palette, the keyboard goes on to the list.
        requestAnimationFrame(() => panel.focusList());
      }
    });
    palette?.addItem({ command: CommandIDs.showHistory, category: 'Bookstore' });
  }
};
