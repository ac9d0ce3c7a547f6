/** The arguments of the per-version commands (history panel rows, context menus, other extensions). */
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';

import { IVersionArgs } from '../tokens';

/** Reads a per-version command's arguments; throws when one is missing. */
export function versionArgs(args: ReadonlyPartialJSONObject): IVersionArgs {
  const { path, scope, versionId, storedAs } = args as Partial<IVersionArgs>;
  if (!path || (scope !== 'workspace' && scope !== 'published') || !versionId) {
    throw new Error('Expected a path, a scope and a versionId.');
  }
  return typeof storedAs === 'string' && storedAs ? { path, scope, versionId, storedAs } : { path, scope, versionId };
}

/** The path under which the version is stored in S3. */
export function storedPath(args: IVersionArgs): string {
  return args.storedAs ?? args.path;
}
