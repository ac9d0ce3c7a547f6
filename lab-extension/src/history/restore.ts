/** Restoring a stored version into an open notebook. No JupyterLab imports, so it is unit-tested directly. */
import type * as nbformat from '@jupyterlab/nbformat';

import { ITrans, parseNotebook } from '../core/notebook';

/** What restore needs of a notebook model (JupyterLab's `INotebookModel` has it). */
export interface IRestoreTarget {
  fromJSON(value: nbformat.INotebookContent): void;
}

/**
 * Replaces `target`'s content with the notebook in `bytes`, untrusted (see `untrusted` in notebook.ts):
 * restoring a version never makes its outputs run scripts, whatever its cells say.
 */
export function restoreInto(target: IRestoreTarget, bytes: Uint8Array, trans: ITrans): void {
  target.fromJSON(parseNotebook(bytes, trans));
}
