/**
 * Checks that bytes from S3 are a notebook JupyterLab can open, before anything is written or shown.
 * No JupyterLab imports, so it is unit-tested directly.
 */
import type * as nbformat from '@jupyterlab/nbformat';

/** The translation function of a TranslationBundle. */
export interface ITrans {
  __(msgid: string, ...args: string[]): string;
}

/** Parses notebook bytes; throws an Error saying what is wrong when they are not an nbformat 4 notebook. */
export function parseNotebook(bytes: Uint8Array, trans: ITrans): nbformat.INotebookContent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Error(trans.__('This is not a notebook: it is not valid JSON text.'));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(trans.__('This is not a notebook: it is not a JSON object.'));
  }
  const notebook = parsed as Partial<nbformat.INotebookContent>;
  if (typeof notebook.nbformat !== 'number') {
    throw new Error(trans.__('This is not a notebook: it has no nbformat version.'));
  }
  if (notebook.nbformat !== 4) {
    throw new Error(
      trans.__('This notebook uses format %1; only format 4 can be opened. Convert it with `jupyter nbconvert --to notebook`.', String(notebook.nbformat))
    );
  }
  if (!Array.isArray(notebook.cells) || notebook.cells.some(c => typeof c !== 'object' || c === null || typeof c.cell_type !== 'string')) {
    throw new Error(trans.__('This is not a notebook: its cells are missing or malformed.'));
  }
  return { metadata: {}, nbformat_minor: 0, ...notebook } as nbformat.INotebookContent;
}
