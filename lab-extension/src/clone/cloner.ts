/**
 * The clone actions behind the commands: a version from the panel (next to its notebook), an object
 * from a link, the dialog or the published list (into the folder the file browser shows). A clone
 * opens without starting a kernel: it is read before it is run.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Clipboard, Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import { storedPath } from '../core/args';
import { parseS3Uri, s3Uri } from '../core/backend';
import { cloneLink } from '../core/links';
import { describeError } from '../core/messages';
import { notifyFailure } from '../core/notify';
import { IBookstore, IVersionArgs } from '../tokens';
import { cloneInto } from './clone';
import { askCloneLocation, ITypedLocation, pickPublished } from './dialogs';
import { dirname, shortened } from './naming';

export class Cloner {
  constructor(
    private readonly app: JupyterFrontEnd,
    private readonly bookstore: IBookstore,
    private readonly here: () => string,
    private readonly trans: TranslationBundle
  ) {}

  /** A version from the history panel, into a new file next to its notebook. */
  async version(which: IVersionArgs): Promise<void> {
    const { path, scope, versionId } = which;
    const trans = this.trans;
    try {
      const content = await (await this.bookstore.client()).getVersion(storedPath(which), scope, versionId);
      const contents = this.app.serviceManager.contents;
      const created = await cloneInto(contents, content.bytes, dirname(path), path, trans, { nextTo: true });
      await this.open(created);
      Notification.success(trans.__('Cloned to %1', created), { autoClose: 4000 });
    } catch (error) {
      notifyFailure(trans, trans.__('Cloning a version of %1 failed', path), error);
    }
  }

  /** Copies the clone link of a version. */
  async copyLink(which: IVersionArgs): Promise<void> {
    try {
      const uri = await s3Uri(await this.bookstore.client(), storedPath(which), which.scope);
      Clipboard.copyToSystem(cloneLink(`${uri}?versionId=${which.versionId}`));
      Notification.info(this.trans.__('Copied to the clipboard'), { autoClose: 2000 });
    } catch (error) {
      notifyFailure(this.trans, this.trans.__('Copy clone link'), error);
    }
  }

  /** Clones into the file browser's folder; a failure is notified (unless the caller shows it) and thrown. */
  async object(bucket: string, key: string, versionId?: string, notify = true): Promise<void> {
    const trans = this.trans;
    try {
      const content = await (await this.bookstore.client()).getObject(bucket, key, versionId);
      const created = await cloneInto(this.app.serviceManager.contents, content.bytes, this.here(), key, trans);
      await this.open(created);
      Notification.success(trans.__('Cloned s3://%1/%2 to %3', bucket, key, created), { autoClose: 4000 });
    } catch (error) {
      if (notify) {
        notifyFailure(trans, trans.__('Cloning s3://%1/%2 failed', bucket, shortened(key)), error);
      }
      throw error;
    }
  }

  /** The clone dialog, opened again with what was typed and why it failed, until a clone succeeds or is cancelled. */
  async fromDialog(): Promise<void> {
    const check = (text: string) =>
      this.locate(text).then(
        () => null,
        (error: unknown) => describeError(error, this.trans)
      );
    let typed: ITypedLocation = { text: '' };
    for (;;) {
      const text = await askCloneLocation(typed, check, this.trans);
      if (text === null) {
        return;
      }
      try {
        const { bucket, key, versionId } = await this.locate(text);
        await this.object(bucket, key, versionId, false);
        return;
      } catch (error) {
        typed = { text, error: describeError(error, this.trans) };
      }
    }
  }

  /** Lists the published notebooks to pick one to clone. */
  async fromPublished(): Promise<void> {
    const trans = this.trans;
    let entries;
    try {
      entries = await (await this.bookstore.client()).listPublished();
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
      await this.object(this.bookstore.settings.bucket, picked.key).catch(() => undefined);
    }
  }

  /** A typed location: a whole s3:// URI, or a key in the configured bucket. */
  private locate(text: string) {
    const bucket = this.bookstore.settings.bucket;
    return parseS3Uri(text.startsWith('s3://') ? text : `s3://${bucket}/${text.replace(/^\/+/, '')}`);
  }

  /** Opens a clone without starting a kernel, as JupyterLab's "No Kernel". */
  private open(path: string): Promise<unknown> {
    const kernelPreference = { shouldStart: false, autoStartDefault: false };
    return this.app.commands.execute('docmanager:open', { path, kernelPreference });
  }
}
