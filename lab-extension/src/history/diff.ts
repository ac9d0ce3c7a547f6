/**
 * The notebook diff, computed by the crate's `bookstore-diff` wasm (nbdime's diff format and
 * algorithm). Its module is loaded the first time a comparison is made, apart from the S3 client's,
 * so opening JupyterLab downloads nothing more. The types mirror `crate/diff/src/summary.rs`.
 */
import type * as nbformat from '@jupyterlab/nbformat';

/** Which parts of the notebooks to leave out of the diff. */
export interface IDiffOptions {
  ignoreOutputs: boolean;
  ignoreMetadata: boolean;
  ignoreExecutionCounts: boolean;
}

/** A piece of a source line: its text, and whether it changed inside an edited line. */
export type Segment = [text: string, changed: boolean];

export interface ISourceLine {
  kind: 'same' | 'removed' | 'added';
  segments: Segment[];
}

/** One cell of the comparison, in notebook order; `base` and `remote` index the two notebooks' cells. */
export interface ICellSummary {
  status: 'unchanged' | 'added' | 'removed' | 'changed';
  base: number | null;
  remote: number | null;
  cellType: string;
  /** The source line by line (empty for an unchanged cell). */
  lines: ISourceLine[];
  outputs: boolean;
  /** The metadata keys that changed. */
  metadata: string[];
  executionCount: boolean;
  attachments: boolean;
}

export interface INotebookSummary {
  cells: ICellSummary[];
  /** The keys of the notebook's own metadata that changed. */
  metadata: string[];
}

/** What the wasm returns: the nbdime diff and its summary. */
export interface IDiffResult {
  /** nbdime's diff format (what nbdime's `diff_notebooks` returns). */
  diff: unknown[];
  summary: INotebookSummary;
}

/** A comparison: both notebooks (the summary's cell indices point into them), the diff and its summary. */
export interface INotebookDiff extends IDiffResult {
  base: nbformat.INotebookContent;
  remote: nbformat.INotebookContent;
}

type DiffModule = typeof import('../wasm-diff/bookstore_diff');

let loading: Promise<DiffModule> | null = null;

function load(): Promise<DiffModule> {
  if (!loading) {
    loading = import('../wasm-diff/bookstore_diff').then(async module => {
      await module.default({ module_or_path: new URL('../wasm-diff/bookstore_diff_bg.wasm', import.meta.url) });
      return module;
    });
    // A failed load (a dropped connection) is tried again next time.
    loading.catch(() => (loading = null));
  }
  return loading;
}

/** Diffs notebook text `base` into `remote`; rejects with the crate's message when either is no notebook. */
export async function diffNotebooks(base: string, remote: string, options: IDiffOptions): Promise<INotebookDiff> {
  const { diffNotebooks: diff } = await load();
  const { ignoreOutputs, ignoreMetadata, ignoreExecutionCounts } = options;
  const result = JSON.parse(diff(base, remote, ignoreOutputs, ignoreMetadata, ignoreExecutionCounts)) as IDiffResult;
  // Both texts are notebooks (the crate checked): their cells are where the summary says.
  return { ...result, base: JSON.parse(base), remote: JSON.parse(remote) };
}
