/**
 * Checks that bytes from S3 are a notebook JupyterLab can open, before anything is written or shown,
 * and makes it untrusted: every notebook read from S3 (preview, compare, restore, every clone) comes
 * through `parseNotebook`. No JupyterLab imports, so it is unit-tested directly.
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

/**
 * Parses notebook bytes into an untrusted notebook (see `untrusted`); throws a NotebookError saying what
 * is wrong when they are not an nbformat 4 notebook.
 */
export function parseNotebook(bytes: Uint8Array, trans: ITrans): nbformat.INotebookContent {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new NotebookError(trans.__('This is not a notebook: it is not UTF-8 text.'));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
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
      trans.__(
        'This notebook uses format %1; only format 4 can be opened. Convert it with `jupyter nbconvert --to notebook`.',
        String(notebook.nbformat)
      )
    );
  }
  if (notebook.metadata !== undefined && !isObject(notebook.metadata)) {
    throw new NotebookError(trans.__('This is not a notebook: its metadata is not a JSON object.'));
  }
  if (notebook.nbformat_minor !== undefined && !isCount(notebook.nbformat_minor)) {
    throw new NotebookError(trans.__('This is not a notebook: its nbformat_minor is not a whole number.'));
  }
  if (!Array.isArray(notebook.cells) || !notebook.cells.every(isCell)) {
    throw new NotebookError(trans.__('This is not a notebook: its cells are missing or malformed.'));
  }
  if (deeperThan(notebook, MAX_DEPTH)) {
    throw new NotebookError(
      trans.__('This is not a notebook: it is nested more than %1 levels deep.', String(MAX_DEPTH))
    );
  }
  return untrusted({ metadata: {}, nbformat_minor: 0, ...notebook } as nbformat.INotebookContent);
}

/**
 * The notebook with every cell's `trusted` metadata removed. That field is the only trust marker of
 * nbformat 4: JupyterLab's cell models take their trust from it (trusted outputs run JavaScript and
 * unsanitized HTML), and the Jupyter server signs a notebook saved through its contents API when its code
 * cells say they are trusted. Anyone can write it into a file, so a stored notebook must not decide
 * whether it is trusted on the reader's machine. Jupyter never writes it to disk, so no genuine
 * version loses anything; the user can still trust the copy ("Trust Notebook").
 */
export function untrusted(notebook: nbformat.INotebookContent): nbformat.INotebookContent {
  const cells = notebook.cells.map(cell => {
    if (!cell.metadata || !('trusted' in cell.metadata)) {
      return cell;
    }
    const { trusted: _dropped, ...metadata } = cell.metadata;
    return { ...cell, metadata } as nbformat.ICell;
  });
  return { ...notebook, cells };
}

/**
 * Python's json (so nbformat) cannot read deeper documents either; JupyterLab's deep copies recurse and
 * would overflow the stack on much deeper ones.
 */
const MAX_DEPTH = 1000;

// The checks below cover every field JupyterLab's notebook model reads when it opens a notebook: a wrong
// type there makes opening fail with a TypeError instead of a message.

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** nbformat's multiline string: a string or a list of strings. */
function isMultiline(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every(line => typeof line === 'string'));
}

function isCell(cell: unknown): boolean {
  if (!isObject(cell) || typeof cell.cell_type !== 'string') {
    return false;
  }
  const optional = (name: string, check: (value: unknown) => boolean) => cell[name] === undefined || check(cell[name]);
  return (
    optional('id', id => typeof id === 'string') &&
    optional('source', isMultiline) &&
    optional('metadata', isObject) &&
    optional('attachments', isObject) &&
    optional('execution_count', count => count === null || isCount(count)) &&
    optional('outputs', outputs => Array.isArray(outputs) && outputs.every(isOutput))
  );
}

function isOutput(output: unknown): boolean {
  return (
    isObject(output) &&
    typeof output.output_type === 'string' &&
    (output.output_type !== 'stream' || isMultiline(output.text))
  );
}

/** Whether `value` holds arrays or objects nested more than `limit` deep; without recursion. */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (typeof node === 'object' && node !== null) {
      if (depth > limit) {
        return true;
      }
      for (const child of Object.values(node)) {
        stack.push([child, depth + 1]);
      }
    }
  }
  return false;
}
