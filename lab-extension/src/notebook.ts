/**
 * Checks that bytes from S3 are a notebook JupyterLab can open, before anything is written or shown.
 * No JupyterLab imports, so it is unit-tested directly.
 */
import type * as nbformat from '@jupyterlab/nbformat';

/** The translation function of a TranslationBundle. */
export interface ITrans {
  __(msgid: string, ...args: string[]): string;
}

/** Bytes that are not a notebook JupyterLab can open; the message says what is wrong. */
export class NotebookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotebookError';
  }
}

/** Parses notebook bytes; throws a NotebookError saying what is wrong when they are not an nbformat 4 notebook. */
export function parseNotebook(bytes: Uint8Array, trans: ITrans): nbformat.INotebookContent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new NotebookError(trans.__('This is not a notebook: it is not valid JSON text.'));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new NotebookError(trans.__('This is not a notebook: it is not a JSON object.'));
  }
  const notebook = parsed as Partial<nbformat.INotebookContent>;
  if (typeof notebook.nbformat !== 'number') {
    throw new NotebookError(trans.__('This is not a notebook: it has no nbformat version.'));
  }
  if (notebook.nbformat !== 4) {
    throw new NotebookError(
      trans.__('This notebook uses format %1; only format 4 can be opened. Convert it with `jupyter nbconvert --to notebook`.', String(notebook.nbformat))
    );
  }
  if (!Array.isArray(notebook.cells) || notebook.cells.some(c => typeof c !== 'object' || c === null || typeof c.cell_type !== 'string')) {
    throw new NotebookError(trans.__('This is not a notebook: its cells are missing or malformed.'));
  }
  return { metadata: {}, nbformat_minor: 0, ...notebook } as nbformat.INotebookContent;
}
