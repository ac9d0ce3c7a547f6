/** The arguments of the per-version commands (history panel rows, context menus, other extensions). */
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';

import { IVersionArgs } from '../tokens';

/** Reads a per-version command's arguments; throws when one is missing. */
export function versionArgs(args: ReadonlyPartialJSONObject): IVersionArgs {
  const { path, scope, versionId } = args as Partial<IVersionArgs>;
  if (!path || (scope !== 'workspace' && scope !== 'published') || !versionId) {
    throw new Error('Expected a path, a scope and a versionId.');
  }
  const which: IVersionArgs = { path, scope, versionId };
  for (const optional of ['storedAs', 'ranFrom', 'name', 'againstVersionId', 'againstScope', 'againstStoredAs']) {
    const value = args[optional];
    if (typeof value === 'string' && value) {
      which[optional] = value;
    }
  }
  return which;
}

/** The path under which the version is stored in S3. */
export function storedPath(args: IVersionArgs): string {
  return args.storedAs ?? args.path;
}
