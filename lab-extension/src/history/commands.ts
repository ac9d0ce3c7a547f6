/** The history panel's per-version commands: preview, compare, restore, and copying a version's names. */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Clipboard, Dialog, InputDialog, Notification, showDialog } from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { TranslationBundle } from '@jupyterlab/translation';

import { storedPath, versionArgs } from '../core/args';
import { parseS3Uri, s3Uri, VersionContent } from '../core/backend';
import { parseNotebook } from '../core/notebook';
import { notifyFailure } from '../core/notify';
import { exactTime } from '../core/time';
import { CommandIDs, IBookstore, IVersionArgs, IVersionsChanged } from '../tokens';
import { createComparison } from './compareview';
import { historyIcon, compareIcon } from './icons';
import { createPreview } from './preview';
import { restoreInto } from './restore';
import { VersionTabs } from './tabs';

export interface IHistoryContext {
  app: JupyterFrontEnd;
  bookstore: IBookstore;
  tracker: INotebookTracker;
  rendermime: IRenderMimeRegistry;
  trans: TranslationBundle;
}

/** When a version was stored, for titles; its id when S3 did not say. */
function savedWhen(content: VersionContent, versionId: string): string {
  return content.meta.lastModified ? exactTime(content.meta.lastModified) : versionId;
}

export function addVersionCommands(ctx: IHistoryContext): void {
  const { commands } = ctx.app;
  const tabs = new VersionTabs(ctx.app.shell, ctx.trans);
  commands.addCommand(CommandIDs.openVersion, {
    label: ctx.trans.__('Open'),
    caption: ctx.trans.__('Open a read-only preview of this version'),
    execute: args => openVersion(ctx, tabs, versionArgs(args))
  });
  commands.addCommand(CommandIDs.openRunSource, {
    label: ctx.trans.__('Open the notebook it ran'),
    caption: ctx.trans.__('Open a read-only preview of the notebook version this scheduled run executed'),
    isVisible: args => typeof args.ranFrom === 'string' && args.ranFrom !== '',
    execute: args => openRunSource(ctx, tabs, versionArgs(args))
  });
  commands.addCommand(CommandIDs.compareVersion, {
    label: ctx.trans.__('Compare'),
    caption: ctx.trans.__('Show what changed between this version and the notebook as it is now'),
    execute: args => compareVersion(ctx, tabs, versionArgs(args))
  });
  commands.addCommand(CommandIDs.compareVersions, {
    label: ctx.trans.__('Compare the two selected versions'),
    caption: ctx.trans.__('Show what changed between the two versions selected in the list'),
    execute: args => compareVersion(ctx, tabs, versionArgs(args))
  });
  commands.addCommand(CommandIDs.nameVersion, {
    label: ctx.trans.__('Name this version…'),
    caption: ctx.trans.__('Give this version a short name that every collaborator sees (and that retention keeps)'),
    isVisible: args => args.scope !== 'published',
    execute: args => nameVersion(ctx, versionArgs(args))
  });
  commands.addCommand(CommandIDs.restoreVersion, {
    label: ctx.trans.__('Restore'),
    caption: ctx.trans.__('Replace the notebook with this version (saved as a new version)'),
    execute: args => restoreVersion(ctx, versionArgs(args))
  });
  const copy = (id: string, label: string, text: (args: IVersionArgs) => Promise<string>) =>
    commands.addCommand(id, {
      label,
      execute: async args => {
        try {
          Clipboard.copyToSystem(await text(versionArgs(args)));
          Notification.info(ctx.trans.__('Copied to the clipboard'), { autoClose: 2000 });
        } catch (error) {
          notifyFailure(ctx.trans, label, error);
        }
      }
    });
  copy(
    CommandIDs.copyUri,
    ctx.trans.__('Copy S3 URI'),
    async a => `${await s3Uri(await ctx.bookstore.client(), storedPath(a), a.scope)}?versionId=${a.versionId}`
  );
  copy(CommandIDs.copyVersionId, ctx.trans.__('Copy version id'), async a => a.versionId);
}

async function openVersion(
  { bookstore, rendermime, trans }: IHistoryContext,
  tabs: VersionTabs,
  which: IVersionArgs
): Promise<void> {
  if (tabs.focus('preview', which)) {
    return;
  }
  const { path, scope, versionId } = which;
  try {
    const content = await (await bookstore.client()).getVersion(storedPath(which), scope, versionId);
    const notebook = parseNotebook(content.bytes, trans);
    const when = savedWhen(content, versionId);
    const title = trans.__('%1 (%2)', PathExt.basename(path), when);
    const caption = trans.__('Version of %1 saved %2 (read-only)', path, when);
    tabs.add('preview', which, createPreview(notebook, title, rendermime), historyIcon, caption);
  } catch (error) {
    notifyFailure(trans, trans.__('Opening a version of %1 failed', path), error);
  }
}

/** The notebook a scheduled run executed, wherever it is stored (often under the published prefix). */
async function openRunSource(
  { bookstore, rendermime, trans }: IHistoryContext,
  tabs: VersionTabs,
  which: IVersionArgs
): Promise<void> {
  const uri = which.ranFrom ?? '';
  try {
    const source = await parseS3Uri(uri);
    const asVersion: IVersionArgs = { path: source.key, scope: 'published', versionId: source.versionId ?? '' };
    if (tabs.focus('preview', asVersion)) {
      return;
    }
    const content = await (await bookstore.client()).getObject(source.bucket, source.key, source.versionId);
    const notebook = parseNotebook(content.bytes, trans);
    const when = savedWhen(content, source.versionId ?? '');
    const title = trans.__('%1 (%2)', PathExt.basename(source.key), when);
    const caption = trans.__('%1, the version a scheduled run of %2 executed (read-only)', uri, which.path);
    tabs.add('preview', asVersion, createPreview(notebook, title, rendermime), historyIcon, caption);
  } catch (error) {
    notifyFailure(trans, trans.__('Opening the notebook %1 ran failed', which.path), error);
  }
}

/** A stored version as one side of a comparison: its text, its name (when saved) and that time in ms. */
function versionSide(content: VersionContent, versionId: string): { text: string; name: string; when: number } {
  const when = content.meta.lastModified ? Date.parse(content.meta.lastModified) : 0;
  return { text: new TextDecoder().decode(content.bytes), name: savedWhen(content, versionId), when };
}

/**
 * The other side of a comparison: another version when the args name one; else the notebook as open in
 * JupyterLab (unsaved edits included), or as saved when it is not open.
 */
async function otherSide(
  { app, bookstore, tracker, trans }: IHistoryContext,
  which: IVersionArgs
): Promise<{ text: string; name: string; when: number }> {
  const { againstVersionId, againstScope, againstStoredAs } = which;
  if (!againstVersionId) {
    const open = tracker.find(panel => panel.context.path === which.path);
    if (open) {
      return { text: JSON.stringify(open.context.model.toJSON()), name: trans.__('open notebook'), when: Infinity };
    }
    const saved = await app.serviceManager.contents.get(which.path, { type: 'notebook', content: true });
    return { text: JSON.stringify(saved.content), name: trans.__('saved notebook'), when: Infinity };
  }
  const scope = againstScope === 'published' ? 'published' : 'workspace';
  const client = await bookstore.client();
  return versionSide(await client.getVersion(againstStoredAs ?? which.path, scope, againstVersionId), againstVersionId);
}

async function compareVersion(ctx: IHistoryContext, tabs: VersionTabs, which: IVersionArgs): Promise<void> {
  const { bookstore, rendermime, trans } = ctx;
  if (tabs.focus('compare', which)) {
    return;
  }
  const { path, scope, versionId } = which;
  try {
    const [version, other] = await Promise.all([
      bookstore.client().then(client => client.getVersion(storedPath(which), scope, versionId)),
      otherSide(ctx, which)
    ]);
    const self = versionSide(version, versionId);
    // The older one is always on the left.
    const [base, remote] = self.when <= other.when ? [self, other] : [other, self];
    const title = trans.__('%1: %2 → %3', PathExt.basename(path), base.name, remote.name);
    const caption = trans.__('%1: the version saved %2, compared with %3', path, base.name, remote.name);
    const widget = await createComparison({ base, remote }, title, rendermime, trans);
    tabs.add('compare', which, widget, compareIcon, caption);
  } catch (error) {
    notifyFailure(trans, trans.__('Comparing versions of %1 failed', path), error);
  }
}

async function nameVersion({ bookstore, trans }: IHistoryContext, which: IVersionArgs): Promise<void> {
  const answer = await InputDialog.getText({
    title: trans.__('Name this version'),
    label: trans.__('A short name, such as "sent to reviewers" (empty to remove the name):'),
    text: which.name ?? '',
    placeholder: trans.__('sent to reviewers'),
    okLabel: trans.__('Name'),
    cancelLabel: trans.__('Cancel')
  });
  if (!answer.button.accept || answer.value === null) {
    return;
  }
  try {
    await bookstore.nameVersion(which.path, storedPath(which), which.versionId, answer.value);
  } catch (error) {
    notifyFailure(trans, trans.__('Naming a version of %1 failed', which.path), error);
  }
}

async function restoreVersion({ bookstore, tracker, trans }: IHistoryContext, which: IVersionArgs): Promise<void> {
  const { path, scope, versionId } = which;
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
    buttons: [Dialog.cancelButton({ label: trans.__('Cancel') }), Dialog.warnButton({ label: trans.__('Restore') })],
    // Enter keeps the notebook as it is: replacing it takes a deliberate choice.
    defaultButton: 0
  });
  if (!answer.button.accept) {
    return;
  }
  try {
    // Unsaved edits are saved first, so they become a version too and nothing is lost.
    if (panel.context.model.dirty) {
      bookstore.saveRequested(path);
      await panel.context.save();
    }
    const content = await (await bookstore.client()).getVersion(storedPath(which), scope, versionId);
    restoreInto(panel.context.model, content.bytes, trans);
    const stored = nextStored(bookstore, path);
    bookstore.saveRequested(path);
    await panel.context.save();
    void stored
      .then(version => (version ? bookstore.recordRestore(path, version, versionId) : undefined))
      // The mark is a courtesy: failing to record it loses nothing, so it is not worth a notification.
      .catch(() => undefined);
    Notification.success(trans.__('Restored %1 to its version of %2', path, savedWhen(content, versionId)), {
      autoClose: 4000
    });
  } catch (error) {
    notifyFailure(trans, trans.__('Restoring %1 failed', path), error);
  }
}

/** How long a restore waits for its version to be stored, to record it as a restore. */
const RESTORE_RECORD_WAIT = 120_000;

/**
 * The id of the next version stored for `path` (the restore's save), or null when the save made none
 * (the content was the latest already) or S3 did not take it in time: the "restored from" mark is a
 * courtesy, and the restore itself never waits for it.
 */
function nextStored(bookstore: IBookstore, path: string): Promise<string | null> {
  return new Promise(resolve => {
    const done = (version: string | null) => {
      bookstore.versionsChanged.disconnect(onStored);
      bookstore.savedUnchanged.disconnect(onUnchanged);
      clearTimeout(timer);
      resolve(version);
    };
    const onStored = (_: IBookstore, changed: IVersionsChanged) =>
      changed.path === path && changed.scope === 'workspace' && done(changed.stored.versionId);
    const onUnchanged = (_: IBookstore, saved: string) => saved === path && done(null);
    const timer = setTimeout(() => done(null), RESTORE_RECORD_WAIT);
    bookstore.versionsChanged.connect(onStored);
    bookstore.savedUnchanged.connect(onUnchanged);
  });
}
