/**
 * What changed between two notebooks, cell by cell: which cells were added, removed or edited, and for
 * an edited cell which lines of its source changed. Cells are matched by their ids when both notebooks
 * have them (nbformat 4.5), otherwise by their source. No JupyterLab imports, so it is unit-tested
 * directly.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { diffArrays, diffLines } from 'diff';

/** One line of an edited cell's source. */
export interface ILineChange {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** One cell of the comparison, in the order of the newer notebook (removed cells where they were). */
export interface ICellChange {
  kind: 'same' | 'added' | 'removed' | 'edited';
  cellType: string;
  /** The cell's source in the newer notebook (the older one for removed cells). */
  source: string;
  /** For edited cells: the source line by line. */
  lines: ILineChange[];
  /** Its outputs differ (code cells; compared as JSON, execution counts ignored). */
  outputsChanged: boolean;
}

export interface IComparison {
  cells: ICellChange[];
  added: number;
  removed: number;
  edited: number;
}

function sourceOf(cell: nbformat.ICell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : String(cell.source ?? '');
}

function outputsOf(cell: nbformat.ICell): string {
  if (cell.cell_type !== 'code') {
    return '';
  }
  const outputs = ((cell as nbformat.ICodeCell).outputs ?? []).map(output => {
    // Re-running a cell changes its execution count alone: not a change worth showing.
    const { execution_count: _ignored, ...rest } = output as nbformat.IExecuteResult;
    return rest;
  });
  return JSON.stringify(outputs);
}

function haveIds(notebooks: nbformat.INotebookContent[]): boolean {
  return notebooks.every(nb => nb.cells.every(cell => typeof cell.id === 'string' && cell.id !== ''));
}

function lineChanges(before: string, after: string): ILineChange[] {
  const lines: ILineChange[] = [];
  for (const part of diffLines(before, after)) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    for (const text of part.value.replace(/\n$/, '').split('\n')) {
      lines.push({ kind, text });
    }
  }
  return lines;
}

function cellChange(kind: ICellChange['kind'], cell: nbformat.ICell, older?: nbformat.ICell): ICellChange {
  const source = sourceOf(cell);
  const edited = older !== undefined && sourceOf(older) !== source;
  const outputsChanged = older !== undefined && outputsOf(older) !== outputsOf(cell);
  return {
    kind: kind === 'same' && (edited || outputsChanged) ? 'edited' : kind,
    cellType: cell.cell_type,
    source,
    lines: edited ? lineChanges(sourceOf(older), source) : [],
    outputsChanged
  };
}

/** Compares `before` (an older version) with `after` (a newer one, or the saved notebook). */
export function compareNotebooks(before: nbformat.INotebookContent, after: nbformat.INotebookContent): IComparison {
  // The key two cells must share to be "the same cell", edited or not.
  const byId = haveIds([before, after]);
  const key = byId
    ? (cell: nbformat.ICell) => `id:${cell.id}`
    : (cell: nbformat.ICell) => `${cell.cell_type}:${sourceOf(cell)}`;
  const cells: ICellChange[] = [];
  let [i, j] = [0, 0];
  let removedRun: nbformat.ICell[] = [];
  let addedRun: nbformat.ICell[] = [];
  // Without ids, an edited cell shows up as one removed and one added: pair such runs up as edits.
  const flush = () => {
    const pairs = byId ? 0 : Math.min(removedRun.length, addedRun.length);
    for (let n = 0; n < pairs; n++) {
      if (removedRun[n].cell_type === addedRun[n].cell_type) {
        cells.push({ ...cellChange('same', addedRun[n], removedRun[n]), kind: 'edited' });
      } else {
        cells.push(cellChange('removed', removedRun[n]), cellChange('added', addedRun[n]));
      }
    }
    removedRun.slice(pairs).forEach(cell => cells.push(cellChange('removed', cell)));
    addedRun.slice(pairs).forEach(cell => cells.push(cellChange('added', cell)));
    [removedRun, addedRun] = [[], []];
  };
  for (const part of diffArrays(before.cells.map(key), after.cells.map(key))) {
    const count = part.value.length;
    if (part.removed) {
      removedRun.push(...before.cells.slice(i, i + count));
      i += count;
    } else if (part.added) {
      addedRun.push(...after.cells.slice(j, j + count));
      j += count;
    } else {
      flush();
      for (let n = 0; n < count; n++) {
        cells.push(cellChange('same', after.cells[j + n], before.cells[i + n]));
      }
      [i, j] = [i + count, j + count];
    }
  }
  flush();
  const count = (kind: ICellChange['kind']) => cells.filter(cell => cell.kind === kind).length;
  return { cells, added: count('added'), removed: count('removed'), edited: count('edited') };
}
