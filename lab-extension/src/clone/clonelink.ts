/**
 * Clone links: `<lab url>?bookstore-clone=s3://bucket/key[?versionId=...]`. Nothing is cloned without
 * the user's confirmation; the parameter is removed from the address so a reload does not ask again.
 */
import { CommandRegistry } from '@lumino/commands';
import { TranslationBundle } from '@jupyterlab/translation';

import { parseS3Uri } from '../core/backend';
import { notifyFailure } from '../core/notify';
import { CLONE_LINK_PARAM, CommandIDs } from '../tokens';
import { confirmCloneLink } from './dialogs';

/** Reads and removes the clone link parameter from the page address; null when there is none. */
export function takeCloneLink(): string | null {
  const url = new URL(window.location.href);
  const uri = url.searchParams.get(CLONE_LINK_PARAM);
  if (uri !== null) {
    url.searchParams.delete(CLONE_LINK_PARAM);
    window.history.replaceState(window.history.state, '', url.toString());
  }
  return uri;
}

export async function handleCloneLink(uri: string, commands: CommandRegistry, trans: TranslationBundle): Promise<void> {
  let location;
  try {
    location = await parseS3Uri(uri);
  } catch (error) {
    notifyFailure(trans, trans.__('This clone link cannot be used'), error);
    return;
  }
  if (await confirmCloneLink(uri, trans)) {
    await commands.execute(CommandIDs.clone, { ...location });
  }
}
