import { NotebookError, parseNotebook } from '../notebook';

const trans = { __: (msg: string, ...args: string[]) => args.reduce((m, a, i) => m.replace(`%${i + 1}`, a), msg) };
const bytes = (text: string) => new TextEncoder().encode(text);
const valid = {
  cells: [{ cell_type: 'markdown', metadata: {}, source: 'hi' }],
  metadata: {},
  nbformat: 4,
  nbformat_minor: 5
};

describe('parseNotebook', () => {
  it('accepts an nbformat 4 notebook', () => {
    expect(parseNotebook(bytes(JSON.stringify(valid)), trans).cells).toHaveLength(1);
  });

  it.each([
    ['a CSV file', 'a,b\n1,2\n', 'not valid JSON'],
    ['truncated JSON', JSON.stringify(valid).slice(0, 40), 'not valid JSON'],
    ['a JSON array', '[1, 2]', 'not a JSON object'],
    ['JSON without nbformat', '{"cells": []}', 'no nbformat version'],
    ['an nbformat 3 notebook', '{"nbformat": 3, "worksheets": []}', 'format 3'],
    ['cells that are not cells', '{"nbformat": 4, "cells": [1]}', 'malformed'],
    ['a NUL character', '\u0000', 'not valid JSON']
  ])('rejects %s with a clear message', (_what, text, message) => {
    expect(() => parseNotebook(bytes(text), trans)).toThrow(message);
  });

  it('rejects invalid UTF-8, even inside an otherwise valid notebook', () => {
    // A lenient decoder would turn 0xFF into U+FFFD and accept this notebook.
    const [head, tail] = [bytes('{"nbformat": 4, "nbformat_minor": 5, "metadata": {"x": "'), bytes('"}, "cells": []}')];
    const invalid = new Uint8Array([...head, 0xff, ...tail]);
    expect(() => parseNotebook(invalid, trans)).toThrow('it is not UTF-8 text');
    expect(parseNotebook(new Uint8Array([...head, ...bytes('\u00ff'), ...tail]), trans).nbformat).toBe(4);
  });

  // Found by the fuzzer (src/core/__fuzz__): each was accepted, then opening it in JupyterLab threw a TypeError.
  const nb = (fields: object) => JSON.stringify({ nbformat: 4, metadata: {}, cells: [], ...fields });
  const cell = (fields: object) =>
    nb({ cells: [{ cell_type: 'code', source: '', metadata: {}, outputs: [], ...fields }] });
  it.each([
    ['null metadata', nb({ metadata: null }), 'metadata'],
    ['list metadata', nb({ metadata: [] }), 'metadata'],
    ['an object as nbformat_minor', nb({ nbformat_minor: {} }), 'nbformat_minor'],
    ['null nbformat_minor', nb({ nbformat_minor: null }), 'nbformat_minor'],
    ['a number as source', cell({ source: 5 }), 'malformed'],
    ['source lines that are not strings', cell({ source: ['a', 1] }), 'malformed'],
    ['a string as cell metadata', cell({ metadata: 'x' }), 'malformed'],
    ['outputs that are not a list', cell({ outputs: {} }), 'malformed'],
    ['a null output', cell({ outputs: [null] }), 'malformed'],
    ['a stream output without text', cell({ outputs: [{ output_type: 'stream', name: 'stdout' }] }), 'malformed'],
    [
      'a notebook nested over 1,000 levels deep',
      nb({ metadata: { a: JSON.parse('['.repeat(1000) + ']'.repeat(1000)) } }),
      '1000 levels'
    ]
  ])('rejects %s before JupyterLab sees it', (_what, text, message) => {
    expect(() => parseNotebook(bytes(text), trans)).toThrow(NotebookError);
    expect(() => parseNotebook(bytes(text), trans)).toThrow(message);
  });

  it('accepts what nbformat allows around those limits', () => {
    const deep = JSON.parse('['.repeat(997) + ']'.repeat(997));
    const notebook = parseNotebook(
      bytes(
        nb({
          nbformat_minor: 5,
          metadata: { a: deep },
          cells: [valid.cells[0], { cell_type: 'raw', source: ['a', 'b'] }]
        })
      ),
      trans
    );
    expect(notebook.cells).toHaveLength(2);
    expect(parseNotebook(bytes('{"nbformat": 4, "cells": []}'), trans)).toEqual({
      nbformat: 4,
      nbformat_minor: 0,
      metadata: {},
      cells: []
    });
  });
});
