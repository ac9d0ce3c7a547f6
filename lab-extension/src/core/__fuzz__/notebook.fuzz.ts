/**
 * Fuzzes parseNotebook: whatever the bytes, it returns a notebook that JupyterLab's notebook model
 * (@jupyter/ydoc, what opening a notebook runs) loads without error, or throws a NotebookError; valid
 * notebooks are accepted unchanged but for trust (cells' `trusted` metadata is removed). Time-bounded by FUZZ_SECONDS, shared among the properties; writes
 * the number of runs to FUZZ_REPORT (JSON) when set.
 */
import * as fs from 'fs';
import fc from 'fast-check';
import { YNotebook } from '@jupyter/ydoc';
import { NotebookError, parseNotebook, untrusted } from '../notebook';
import { extremeJson, mutatedNotebook, nearNotebook, notebook } from './arbitraries';

const trans = { __: (msg: string, ...args: string[]) => args.reduce((m, a, i) => m.replace(`%${i + 1}`, a), msg) };
const encode = (text: string) => new TextEncoder().encode(text);
const seconds = Number(process.env.FUZZ_SECONDS ?? '5');
const properties = 5;
const budgetMs = (seconds * 1000) / properties;
const runs: Record<string, number> = {};

jest.setTimeout(budgetMs + 60_000);
// yjs warns when a cell's text is read before the cell joins a document, which is how JupyterLab builds cells.
beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
afterAll(() => {
  if (process.env.FUZZ_REPORT) {
    fs.writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(runs));
  }
});

/** What JupyterLab does with a notebook it opens; throws if it could not. */
function opens(nb: ReturnType<typeof parseNotebook>): void {
  // NotebookModel.fromJSON reads `metadata.orig_nbformat` before handing the rest to the shared model.
  expect(typeof nb.metadata === 'object' && nb.metadata !== null && !Array.isArray(nb.metadata)).toBe(true);
  expect(typeof nb.nbformat_minor).toBe('number');
  const model = YNotebook.create();
  try {
    model.fromJSON(JSON.parse(JSON.stringify(nb)));
    expect(model.cells.length).toBe(nb.cells.length);
    model.cells.forEach((cell, i) => {
      const source = nb.cells[i].source ?? '';
      expect(cell.getSource()).toBe(typeof source === 'string' ? source : source.join(''));
    });
  } finally {
    model.dispose();
  }
}

/** Accepted and openable, or refused with a NotebookError: nothing else. */
function judged(bytes: Uint8Array): void {
  let nb;
  try {
    nb = parseNotebook(bytes, trans);
  } catch (error) {
    if (error instanceof NotebookError) {
      return;
    }
    throw error;
  }
  opens(nb);
}

function fuzz<T>(name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void): void {
  it(name, () => {
    const details = fc.check(fc.property(arbitrary, predicate), {
      numRuns: Number.MAX_SAFE_INTEGER,
      interruptAfterTimeLimit: budgetMs,
      markInterruptAsFailure: false
    });
    runs[name] = details.numRuns;
    if (details.failed) {
      // Counterexamples can be megabytes long: keep the start, with the seed that reproduces it.
      const report = `${String(details.errorInstance)}\n${fc.defaultReportMessage(details) ?? name}`;
      throw new Error(report.length > 4000 ? `${report.slice(0, 4000)}... (${report.length} characters)` : report);
    }
  });
}

describe('parseNotebook under fuzzing', () => {
  fuzz('accepts every valid notebook unchanged but for trust', notebook, nb => {
    const text = JSON.stringify(nb);
    const parsed = parseNotebook(encode(text), trans);
    expect(parsed).toEqual(untrusted(JSON.parse(text)));
    expect(parsed.cells.some(cell => cell.metadata && 'trusted' in cell.metadata)).toBe(false);
    opens(parsed);
  });
  fuzz('judges random bytes', fc.uint8Array({ maxLength: 2048 }), judged);
  fuzz('judges notebook-shaped JSON with any field values', nearNotebook, nb => judged(encode(JSON.stringify(nb))));
  fuzz('judges cut, flipped, inserted and deleted bytes of valid notebooks', mutatedNotebook, judged);
  fuzz('judges deep and large JSON', extremeJson, text => judged(encode(text)));
});
