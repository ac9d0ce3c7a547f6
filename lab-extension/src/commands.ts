/** The `bookstore:*` commands. Long actions report through JupyterLab's Notification. */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Clipboard, Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { PageConfig, PathExt, URLExt } from '@jupyterlab/coreutils';
import type * as nbformat from '@jupyterlab/nbformat';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';

import { describeError, errorCode, StoredVersion, VersionContent } from './backend';
import { cloneInto } from './clone';
import { compareNotebooks } from './compare';
import { createComparison } from './compareview';
import {
  askCloneLocation,
  askCredentials,
  corsConfiguration,
  pickPublished,
  showPending,
  showPublished,
  showText
} from './dialogs';
import { BookstoreModel, NotConfiguredError } from './model';
import { dirname, shortened } from './naming';
import { parseNotebook } from './notebook';
import { createPreview } from './preview';
import { CLONE_LINK_PARAM, CommandIDs, IVersionArgs } from './tokens';

export interface ICommandContext {
  app: JupyterFrontEnd;
  model: BookstoreModel;
  tracker: INotebookTracker;
  rendermime: IRenderMimeRegistry;
  trans: TranslationBundle;
}

function versionArgs(args: ReadonlyPartialJSONObject): IVersionArgs {
  const { path, scope, versionId } = args as Partial<IVersionArgs>;
  if (!path || (scope !== 'workspace' && scope !== 'published') || !versionId) {
    throw new Error('Expected a path, a scope and a versionId.');
  }
  return { path, scope, versionId };
}

/** When a version was stored, for titles; its id when S3 did not say. */
function savedWhen(content: VersionContent, versionId: string): string {
  return content.meta.lastModified ? new Date(content.meta.lastModified).toLocaleString() : versionId;
}

/**
 * Shows a failure, with a "Details" action for the whole text (notifications cut long messages).
 * Backend messages say what to do and never contain secrets.
 */
export function notifyError(
  trans: TranslationBundle,
  message: string,
  actions: Notification.IAction[] = []
): string {
  return Notification.error(message, { autoClose: false, actions: [...actions, detailsAction(trans, message)] });
}

/** Opens the whole message in a dialog, where it can be read and copied. */
export function detailsAction(trans: TranslationBundle, message: string): Notification.IAction {
  return { label: trans.__('Details'), callback: () => void showText(trans.__('Bookstore'), message, trans) };
}

/** `what` failed because of `error`. */
export function notifyFailure(trans: TranslationBundle, what: string, error: unknown): void {
  notifyError(trans, trans.__('%1: %2', what, describeError(error)));
}

export function addCommands(ctx: ICommandContext): void {
  const { app, model, tracker, rendermime, trans } = ctx;
  const { commands, serviceManager } = app;
  const contents = serviceManager.contents;
  const current = (): NotebookPanel | null => tracker.currentWidget;
  const open = (path: string) => commands.execute('docmanager:open', { path });

  commands.addCommand(CommandIDs.publish, {
    label: trans.__('Publish notebook'),
    caption: trans.__('Copy the saved notebook to the published prefix for others to find and clone'),
    isEnabled: () => current() !== null,
    execute: async () => {
      const panel = current();
      if (!panel) {
        return;
      }
      if (panel.context.model.dirty) {
        const answer = await showDialog({
          title: trans.__('Save before publishing?'),
          body: trans.__('The notebook has unsaved changes. Publishing sends the saved file.'),
          buttons: [Dialog.cancelButton({ label: trans.__('Cancel') }), Dialog.okButton({ label: trans.__('Save and publish') })]
        });
        if (!answer.button.accept) {
          return;
        }
        await panel.context.save();
      }
      const path = panel.context.path;
      const id = Notification.emit(trans.__('Publishing %1…', path), 'in-progress', { autoClose: false });
      let stored: StoredVersion | null;
      try {
        stored = await model.publish(path);
      } catch (error) {
        // Only a publish that could not even be queued (no settings, unreadable file) is gone.
        const kept = !(error instanceof NotConfiguredError) && model.pendingItems.some(item => item.path === path);
        const message = kept
          ? trans.__('Publishing %1 failed; it is kept and will be retried (see the status bar). %2', path, describeError(error))
          : trans.__('Publishing %1 failed: %2', path, describeError(error));
        Notification.update({ id, message, type: 'error', autoClose: false, actions: [detailsAction(trans, message)] });
        return;
      }
      if (stored === null) {
        Notification.update({ id, message: trans.__('%1 was published from another tab.', path), type: 'success', autoClose: 4000 });
        return;
      }
      Notification.update({ id, message: trans.__('Published %1', path), type: 'success', autoClose: 3000 });
      await showPublished(stored, trans);
    }
  });

  commands.addCommand(CommandIDs.checkBucket, {
    label: trans.__('Check Bookstore bucket'),
    execute: async args => {
      try {
        const report = await model.checkBucket();
        if (report.problems.length === 0 && !args.quiet) {
          Notification.success(trans.__('Bucket %1 keeps every version: Bookstore is ready.', report.bucket), { autoClose: 5000 });
        }
        for (const problem of report.problems) {
          const actions: Notification.IAction[] = [];
          if (problem.code === 'Network') {
            actions.push({
              label: trans.__('Show CORS configuration'),
              callback: () => void showText(trans.__('Bucket CORS configuration for this page'), corsConfiguration(window.location.origin), trans)
            });
          }
          notifyError(trans, problem.message, actions);
        }
      } catch (error) {
        notifyFailure(trans, trans.__('Bucket check failed'), error);
      }
    }
  });

  commands.addCommand(CommandIDs.enterCredentials, {
    label: trans.__('Enter S3 credentials for this session…'),
    execute: async () => {
      const credentials = await askCredentials(trans);
      if (credentials) {
        model.setSessionCredentials(credentials);
      }
    }
  });

  commands.addCommand(CommandIDs.retryUploads, {
    label: trans.__('Retry failed Bookstore uploads'),
    execute: () => model.retryUploads()
  });

  commands.addCommand(CommandIDs.pendingUploads, {
    label: trans.__('Saves waiting to be archived…'),
    execute: async () => {
      const choice = await showPending(model.pendingItems, trans);
      if (choice.action === 'retry') {
        model.retryUploads();
      } else if (choice.action === 'discard') {
        for (const id of choice.ids) {
          if (!(await model.discard(id))) {
            Notification.warning(trans.__('A save that is uploading right now cannot be discarded; try again in a moment.'));
          }
        }
      }
    }
  });

  commands.addCommand(CommandIDs.openVersion, {
    label: trans.__('Open'),
    caption: trans.__('Open a read-only preview of this version'),
    execute: async args => {
      const { path, scope, versionId } = versionArgs(args);
      try {
        const content = await model.getVersion(path, scope, versionId);
        const notebook = parseNotebook(content.bytes, trans);
        const preview = createPreview(notebook, trans.__('%1 (%2)', path, savedWhen(content, versionId)), rendermime);
        app.shell.add(preview, 'main');
      } catch (error) {
        notifyFailure(trans, trans.__('Opening a version of %1 failed', path), error);
      }
    }
  });

  commands.addCommand(CommandIDs.compareVersion, {
    label: trans.__('Compare'),
    caption: trans.__('Show what changed between this version and the saved notebook'),
    execute: async args => {
      const { path, scope, versionId } = versionArgs(args);
      try {
        const [version, saved] = await Promise.all([
          model.getVersion(path, scope, versionId),
          contents.get(path, { type: 'notebook', content: true })
        ]);
        const older = parseNotebook(version.bytes, trans);
        const title = trans.__('%1: %2 → saved', PathExt.basename(path), savedWhen(version, versionId));
        app.shell.add(createComparison(compareNotebooks(older, saved.content as nbformat.INotebookContent), title, trans), 'main');
      } catch (error) {
        notifyFailure(trans, trans.__('Comparing a version of %1 failed', path), error);
      }
    }
  });

  commands.addCommand(CommandIDs.restoreVersion, {
    label: trans.__('Restore'),
    caption: trans.__('Replace the notebook with this version (saved as a new version)'),
    execute: async args => {
      const { path, scope, versionId } = versionArgs(args);
      const panel = tracker.find(p => p.context.path === path);
      if (!panel) {
        Notification.warning(trans.__('Open %1 to restore one of its versions.', path));
        return;
      }
      const answer = await showDialog({
        title: trans.__('Restore this version?'),
        body: trans.__(
          'The notebook content will be replaced by this version and saved. The current content stays in the history as a version.'
        ),
        buttons: [Dialog.cancelButton({ label: trans.__('Cancel') }), Dialog.warnButton({ label: trans.__('Restore') })]
      });
      if (!answer.button.accept) {
        return;
      }
      try {
        // Unsaved edits are saved first, so they become a version too and nothing is lost.
        if (panel.context.model.dirty) {
          await panel.context.save();
        }
        const content = await model.getVersion(path, scope, versionId);
        panel.context.model.fromJSON(parseNotebook(content.bytes, trans));
        await panel.context.save();
        Notification.success(trans.__('Restored %1 from version %2', path, versionId), { autoClose: 4000 });
      } catch (error) {
        notifyFailure(trans, trans.__('Restoring %1 failed', path), error);
      }
    }
  });

  commands.addCommand(CommandIDs.cloneVersion, {
    label: trans.__('Clone'),
    caption: trans.__('Copy this version to a new file next to the notebook'),
    execute: async args => {
      const { path, scope, versionId } = versionArgs(args);
      try {
        const content = await model.getVersion(path, scope, versionId);
        const created = await cloneInto(contents, content.bytes, dirname(path), path, trans, { nextTo: true });
        await open(created);
        Notification.success(trans.__('Cloned to %1', created), { autoClose: 4000 });
      } catch (error) {
        notifyFailure(trans, trans.__('Cloning a version of %1 failed', path), error);
      }
    }
  });

  const copy = (id: string, label: string, text: (args: IVersionArgs) => Promise<string>) =>
    commands.addCommand(id, {
      label,
      execute: async args => {
        try {
          Clipboard.copyToSystem(await text(versionArgs(args)));
          Notification.info(trans.__('Copied to the clipboard'), { autoClose: 2000 });
        } catch (error) {
          notifyFailure(trans, label, error);
        }
      }
    });
  copy(CommandIDs.copyUri, trans.__('Copy S3 URI'), async a => model.uri(a.path, a.scope));
  copy(CommandIDs.copyVersionId, trans.__('Copy version id'), async a => a.versionId);
  copy(CommandIDs.copyCloneLink, trans.__('Copy clone link'), async a => {
    const uri = `${await model.uri(a.path, a.scope)}?versionId=${a.versionId}`;
    // The app's own page: /lab in JupyterLab, /tree in Notebook 7, lab/ in a JupyterLite site.
    const app = URLExt.join(PageConfig.getBaseUrl(), PageConfig.getOption('appUrl') || 'lab');
    return `${app}?${CLONE_LINK_PARAM}=${encodeURIComponent(uri)}`;
  });

  const cloneObject = async (bucket: string, key: string, versionId?: string): Promise<void> => {
    try {
      const content = await model.getObject(bucket, key, versionId);
      const created = await cloneInto(contents, content.bytes, '', key, trans);
      await open(created);
      Notification.success(trans.__('Cloned s3://%1/%2 to %3', bucket, key, created), { autoClose: 4000 });
    } catch (error) {
      notifyFailure(trans, trans.__('Cloning s3://%1/%2 failed', bucket, shortened(key)), error);
      throw error;
    }
  };

  commands.addCommand(CommandIDs.clone, {
    label: trans.__('Clone notebook from S3…'),
    execute: async args => {
      const given = args as { bucket?: string; key?: string; versionId?: string };
      const request =
        given.bucket && given.key ? { bucket: given.bucket, key: given.key, versionId: given.versionId } : await askCloneLocation(model.settings.bucket, trans);
      if (request) {
        await cloneObject(request.bucket, request.key, request.versionId).catch(() => undefined);
      }
    }
  });

  commands.addCommand(CommandIDs.browsePublished, {
    label: trans.__('Browse published notebooks…'),
    execute: async () => {
      try {
        const entries = await model.listPublished();
        if (entries.length === 0) {
          Notification.info(trans.__('Nothing has been published yet.'), { autoClose: 4000 });
          return;
        }
        const picked = await pickPublished(entries, trans);
        if (picked) {
          await cloneObject(model.settings.bucket, picked.key);
        }
      } catch (error) {
        if (errorCode(error) !== null || !(error instanceof Error)) {
          notifyFailure(trans, trans.__('Listing published notebooks failed'), error);
        }
      }
    }
  });
}
