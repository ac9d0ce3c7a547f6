/**
 * Cloning stored notebooks into new local files: a version from the history panel (next to its
 * notebook), a location typed into a dialog, a published notebook picked from a list, or a clone link
 * (`<lab url>?bookstore-clone=s3://…`, after a confirmation). Never over an existing file, always untrusted.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ITranslator, TranslationBundle } from '@jupyterlab/translation';

import { versionArgs } from '../core/args';
import { translations } from '../core/trans';
import { CommandIDs, IBookstore } from '../tokens';
import { handleCloneLink, takeCloneLink } from './clonelink';
import { Cloner } from './cloner';

export const clonePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-bookstore:clone',
  description: 'Clones stored and published notebooks into new files, from the panel, a dialog or a link.',
  autoStart: true,
  requires: [IBookstore],
  optional: [ITranslator, ICommandPalette, IDefaultFileBrowser],
  activate: (
    app: JupyterFrontEnd,
    bookstore: IBookstore,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    fileBrowser: IDefaultFileBrowser | null
  ) => {
    const trans = translations(translator);
    // Read before JupyterLab's router can rewrite the address.
    const cloneLink = takeCloneLink();
    // Clones from a link, the dialog or the published list land in the folder the user is in.
    const here = () => fileBrowser?.model.path ?? '';
    addCloneCommands(app, new Cloner(app, bookstore, here, trans), trans);
    for (const command of [CommandIDs.clone, CommandIDs.browsePublished]) {
      palette?.addItem({ command, category: 'Bookstore' });
    }
    if (cloneLink) {
      void bookstore.loaded.then(() => handleCloneLink(cloneLink, app.commands, trans));
    }
  }
};

function addCloneCommands(app: JupyterFrontEnd, cloner: Cloner, trans: TranslationBundle): void {
  const { commands } = app;
  commands.addCommand(CommandIDs.cloneVersion, {
    label: trans.__('Clone'),
    caption: trans.__('Copy this version to a new file next to the notebook'),
    execute: args => cloner.version(versionArgs(args))
  });
  commands.addCommand(CommandIDs.copyCloneLink, {
    label: trans.__('Copy clone link'),
    execute: args => cloner.copyLink(versionArgs(args))
  });
  commands.addCommand(CommandIDs.clone, {
    label: trans.__('Clone notebook from S3…'),
    execute: async args => {
      const given = args as { bucket?: string; key?: string; versionId?: string };
      if (given.bucket && given.key) {
        await cloner.object(given.bucket, given.key, given.versionId).catch(() => undefined);
      } else {
        await cloner.fromDialog();
      }
    }
  });
  commands.addCommand(CommandIDs.browsePublished, {
    label: trans.__('Browse published notebooks…'),
    execute: () => cloner.fromPublished()
  });
}
