/** Cloning a stored notebook into a new local file: never over an existing file, always untrusted. */
import { Contents } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';

import { basename, freePath } from './naming';
import { parseNotebook } from '../core/notebook';

/** Whether a file exists at `path` (a 404 means no; any other failure is an error). */
export async function fileExists(contents: Contents.IManager, path: string): Promise<boolean> {
  try {
    await contents.get(path, { content: false });
    return true;
  } catch (error) {
    const status = (error as { response?: { status?: number } }).response?.status;
    if (status === 404) {
      return false;
    }
    throw error;
  }
}

/**
 * Writes `bytes` (a notebook) to a new file in `dir` named after `key`, numbered when the name is taken
 * (always numbered when `nextTo` is set: a clone beside its original). Returns the new path.
 */
export async function cloneInto(
  contents: Contents.IManager,
  bytes: Uint8Array,
  dir: string,
  key: string,
  trans: TranslationBundle,
  options: { nextTo?: boolean } = {}
): Promise<string> {
  const notebook = parseNotebook(bytes, trans);
  const path = await freePath(dir, basename(key), p => fileExists(contents, p), { alwaysNumber: options.nextTo });
  await contents.save(path, { type: 'notebook', format: 'json', content: notebook });
  return path;
}
