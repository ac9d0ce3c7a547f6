/**
 * Cloning stored notebooks into new local files: a version from the history panel (next to its
 * notebook), a location typed into a dialog, a published notebook picked from a list, or a clone link
 * (`<lab url>?bookstore-clone=s3://…`, after a confirmation). Never over an existing file, always untrusted.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { Clipboard, ICommandPalette, Notification } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ITranslator, TranslationBundle } from '@jupyterlab/translation';

import { versionArgs } from '../core/args';
import { parseS3Uri, s3Uri } from '../core/backend';
import { cloneLink } from '../core/links';
import { describeError } from '../core/messages';
import { notifyFailure } from '../core/notify';
import { CommandIDs, IBookstore } from '../tokens';
import { translations } from '../core/trans';
import { cloneInto } from './clone';
import { handleCloneLink, takeCloneLink } from './clonelink';
import { askCloneLocation, ITypedLocation, pickPublished } from './dialogs';
import { dirname, shortened } from './naming';

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
    addCloneCommands(app, bookstore, here, trans);
    for (const command of [CommandIDs.clone, CommandIDs.browsePublished]) {
      palette?.addItem({ command, category: 'Bookstore' });
    }
    if (cloneLink) {
      void bookstore.loaded.then(() => handleCloneLink(cloneLink, app.commands, trans));
    }
  }
};

function addCloneCommands(
  app: JupyterFrontEnd,
  bookstore: IBookstore,
  here: () => string,
  trans: TranslationBundle
): void {
  const { commands } = app;
  const contents = app.serviceManager.contents;
  // A clone is opened to be read first: without starting a kernel, as JupyterLab's "No Kernel".
  const open = (path: string) =>
    commands.execute('docmanager:open', { path, kernelPreference: { shouldStart: false, autoStartDefault: false } });

  commands.addCommand(CommandIDs.cloneVersion, {
    label: trans.__('Clone'),
    caption: trans.__('Copy this version to a new file next to the notebook'),
    execute: async args => {
      const { path, scope, versionId } = versionArgs(args);
      try {
        const content = await (await bookstore.client()).getVersion(path, scope, versionId);
        const created = await cloneInto(contents, content.bytes, dirname(path), path, trans, { nextTo: true });
        await open(created);
        Notification.success(trans.__('Cloned to %1', created), { autoClose: 4000 });
      } catch (error) {
        notifyFailure(trans, trans.__('Cloning a version of %1 failed', path), error);
      }
    }
  });

  commands.addCommand(CommandIDs.copyCloneLink, {
    label: trans.__('Copy clone link'),
    execute: async args => {
      const { path, scope, versionId } = versionArgs(args);
      try {
        Clipboard.copyToSystem(
          cloneLink(`${await s3Uri(await bookstore.client(), path, scope)}?versionId=${versionId}`)
        );
        Notification.info(trans.__('Copied to the clipboard'), { autoClose: 2000 });
      } catch (error) {
        notifyFailure(trans, trans.__('Copy clone link'), error);
      }
    }
  });

  /** Clones into the file browser's folder; a failure is notified (unless the caller shows it) and thrown. */
  const cloneObject = async (bucket: string, key: string, versionId?: string, notify = true): Promise<void> => {
    try {
      const content = await (await bookstore.client()).getObject(bucket, key, versionId);
      const created = await cloneInto(contents, content.bytes, here(), key, trans);
      await open(created);
      Notification.success(trans.__('Cloned s3://%1/%2 to %3', bucket, key, created), { autoClose: 4000 });
    } catch (error) {
      if (notify) {
        notifyFailure(trans, trans.__('Cloning s3://%1/%2 failed', bucket, shortened(key)), error);
      }
      throw error;
    }
  };

  /** A typed location: a whole s3:// URI, or a key in the configured bucket. */
  const locate = (text: string) =>
    parseS3Uri(text.startsWith('s3://') ? text : `s3://${bookstore.settings.bucket}/${text.replace(/^\/+/, '')}`);

  /** The clone dialog, opened again with what was typed and why it failed, until a clone succeeds or is cancelled. */
  const cloneFromDialog = async (): Promise<void> => {
    const check = (text: string) =>
      locate(text).then(
        () => null,
        (error: unknown) => describeError(error, trans)
      );
    let typed: ITypedLocation = { text: '' };
    for (;;) {
      const text = await askCloneLocation(typed, check, trans);
      if (text === null) {
        return;
      }
      try {
        const { bucket, key, versionId } = await locate(text);
        await cloneObject(bucket, key, versionId, false);
        return;
      } catch (error) {
        typed = { text, error: describeError(error, trans) };
      }
    }
  };

  commands.addCommand(CommandIDs.clone, {
    label: trans.__('Clone notebook from S3…'),
    execute: async args => {
      const given = args as { bucket?: string; key?: string; versionId?: string };
      if (given.bucket && given.key) {
        await cloneObject(given.bucket, given.key, given.versionId).catch(() => undefined);
      } else {
        await cloneFromDialog();
      }
    }
  });

  commands.addCommand(CommandIDs.browsePublished, {
    label: trans.__('Browse published notebooks…'),
    execute: async () => {
      let entries;
      try {
        entries = await (await bookstore.client()).listPublished();
      } catch (error) {
        notifyFailure(trans, trans.__('Listing published notebooks failed'), error);
        return;
      }
      if (entries.length === 0) {
        Notification.info(trans.__('Nothing has been published yet.'), { autoClose: 4000 });
        return;
      }
      const picked = await pickPublished(entries, trans);
      if (picked) {
        await cloneObject(bookstore.settings.bucket, picked.key).catch(() => undefined);
      }
    }
  });
}
