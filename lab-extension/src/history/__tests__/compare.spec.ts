import type * as nbformat from '@jupyterlab/nbformat';

import { compareNotebooks } from '../compare';

type Cell = { type?: 'code' | 'markdown'; source: string; id?: string; outputs?: nbformat.IOutput[] };

function notebook(cells: Cell[]): nbformat.INotebookContent {
  return {
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
    cells: cells.map(({ type = 'code', source, id, outputs = [] }) =>
      type === 'code'
        ? { cell_type: 'code', source, metadata: {}, execution_count: null, outputs, ...(id ? { id } : {}) }
        : { cell_type: 'markdown', source, metadata: {}, ...(id ? { id } : {}) }
    )
  };
}

const stream = (text: string, count = 1): nbformat.IOutput[] => [
  { output_type: 'execute_result', execution_count: count, data: { 'text/plain': text }, metadata: {} }
];

describe('compareNotebooks', () => {
  it('finds nothing to show between identical notebooks', () => {
    const nb = notebook([{ source: 'a = 1' }, { type: 'markdown', source: '# Title' }]);
    const result = compareNotebooks(nb, nb);
    expect(result).toMatchObject({ added: 0, removed: 0, edited: 0 });
    expect(result.cells.map(c => c.kind)).toEqual(['same', 'same']);
  });

  it('shows an edited cell line by line, without ids', () => {
    const before = notebook([{ source: 'import numpy\n' }, { source: 'x = 1\ny = 2\nprint(x)' }]);
    const after = notebook([{ source: 'import numpy\n' }, { source: 'x = 1\ny = 3\nprint(x)' }]);
    const result = compareNotebooks(before, after);
    expect(result).toMatchObject({ added: 0, removed: 0, edited: 1 });
    expect(result.cells[1].lines).toEqual([
      { kind: 'same', text: 'x = 1' },
      { kind: 'removed', text: 'y = 2' },
      { kind: 'added', text: 'y = 3' },
      { kind: 'same', text: 'print(x)' }
    ]);
  });

  it('places added and removed cells where they are', () => {
    const before = notebook([{ source: 'a' }, { source: 'gone' }, { source: 'b' }]);
    const after = notebook([{ source: 'new' }, { source: 'a' }, { source: 'b' }, { type: 'markdown', source: 'end' }]);
    const result = compareNotebooks(before, after);
    expect(result.cells.map(c => [c.kind, c.source])).toEqual([
      ['added', 'new'],
      ['same', 'a'],
      ['removed', 'gone'],
      ['same', 'b'],
      ['added', 'end']
    ]);
    expect(result).toMatchObject({ added: 2, removed: 1, edited: 0 });
  });

  it('matches cells by id when both notebooks have ids: another cell with the same text is not an edit', () => {
    const before = notebook([
      { id: 'one', source: 'first' },
      { id: 'two', source: 'second' }
    ]);
    const after = notebook([
      { id: 'one', source: 'first, edited' },
      { id: 'three', source: 'second' }
    ]);
    const result = compareNotebooks(before, after);
    expect(result.cells.map(c => [c.kind, c.source])).toEqual([
      ['edited', 'first, edited'],
      ['removed', 'second'],
      ['added', 'second']
    ]);
  });

  it('notices changed outputs but not a new execution count alone', () => {
    const before = notebook([{ source: 'x', outputs: stream('1', 1) }]);
    expect(compareNotebooks(before, notebook([{ source: 'x', outputs: stream('1', 7) }])).edited).toBe(0);
    const changed = compareNotebooks(before, notebook([{ source: 'x', outputs: stream('2', 2) }]));
    expect(changed.cells[0]).toMatchObject({ kind: 'edited', outputsChanged: true, lines: [] });
  });

  it('shows a cell whose type changed as removed and added', () => {
    const result = compareNotebooks(notebook([{ source: 'text' }]), notebook([{ type: 'markdown', source: 'text' }]));
    expect(result.cells.map(c => [c.kind, c.cellType])).toEqual([
      ['removed', 'code'],
      ['added', 'markdown']
    ]);
  });
});
