import { parseNotebook } from '../notebook';

const trans = { __: (msg: string, ...args: string[]) => args.reduce((m, a, i) => m.replace(`%${i + 1}`, a), msg) };
const bytes = (text: string) => new TextEncoder().encode(text);
const valid = { cells: [{ cell_type: 'markdown', metadata: {}, source: 'hi' }], metadata: {}, nbformat: 4, nbformat_minor: 5 };

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
    ['bytes that are not UTF-8', '\u0000', 'not valid JSON']
  ])('rejects %s with a clear message', (_what, text, message) => {
    expect(() => parseNotebook(bytes(text), trans)).toThrow(message);
  });

  it('rejects invalid UTF-8', () => {
    expect(() => parseNotebook(new Uint8Array([0x7b, 0xff, 0x7d]), trans)).toThrow('not valid JSON');
  });
});
