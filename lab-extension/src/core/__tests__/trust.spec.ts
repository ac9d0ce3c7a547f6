// A notebook read from S3 is untrusted on every path, whatever its cells say: its author must not decide
// that its outputs run scripts on the reader's machine (JupyterLab and the Jupyter server both take a
// cell's trust from `metadata.trusted`).
import type { Contents } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import type * as nbformat from '@jupyterlab/nbformat';

import { cloneInto } from '../../clone/clone';
import { parseNotebook, untrusted } from '../notebook';
import { restoreInto } from '../../history/restore';

const trans = { __: (msg: string, ...args: string[]) => args.reduce((m, a, i) => m.replace(`%${i + 1}`, a), msg) };
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** What the attacker stores: trusted cells whose outputs would run script if believed. */
function hostile(trustedField: boolean | 'absent' = true): nbformat.INotebookContent {
  const trust = trustedField === 'absent' ? {} : { trusted: trustedField };
  return {
    cells: [
      {
        cell_type: 'code',
        execution_count: 1,
        id: 'a',
        metadata: { ...trust, tags: ['kept'] },
        source: 'display(HTML(...))',
        outputs: [
          {
            output_type: 'display_data',
            metadata: {},
            data: { 'text/html': '<img src=x onerror="window.__owned = 1">' }
          },
          { output_type: 'display_data', metadata: {}, data: { 'application/javascript': 'window.__owned = 2' } }
        ]
      },
      { cell_type: 'markdown', id: 'b', metadata: { ...trust }, source: '# notes' },
      { cell_type: 'code', execution_count: null, id: 'c', metadata: trust, source: '', outputs: [] }
    ],
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    nbformat: 4,
    nbformat_minor: 5
  };
}

/** Whether any cell still carries a trust marker. */
const carriesTrust = (notebook: nbformat.INotebookContent) =>
  notebook.cells.some(cell => 'trusted' in (cell.metadata ?? {}));

describe('untrusted', () => {
  it.each([true, false] as const)('removes `trusted: %s` from every cell and keeps everything else', trusted => {
    const result = untrusted(hostile(trusted));
    expect(carriesTrust(result)).toBe(false);
    expect(result.cells[0].metadata).toEqual({ tags: ['kept'] });
    expect(result.cells.map(cell => cell.source)).toEqual(hostile().cells.map(cell => cell.source));
    expect((result.cells[0] as nbformat.ICodeCell).outputs).toEqual((hostile().cells[0] as nbformat.ICodeCell).outputs);
    expect(result.metadata).toEqual(hostile().metadata);
  });

  it('leaves a notebook without the field as it is and does not change its argument', () => {
    expect(untrusted(hostile('absent'))).toEqual(hostile('absent'));
    const original = hostile();
    untrusted(original);
    expect(original).toEqual(hostile());
  });
});

describe('every path from S3 gets an untrusted notebook', () => {
  /** A Jupyter contents manager with an empty folder, recording what is saved. */
  function contents(): { manager: Contents.IManager; saved: Map<string, Partial<Contents.IModel>> } {
    const saved = new Map<string, Partial<Contents.IModel>>();
    const manager = {
      get: async (path: string) => {
        if (!saved.has(path)) {
          throw Object.assign(new Error('not found'), { response: { status: 404 } });
        }
        return saved.get(path);
      },
      save: async (path: string, model: Partial<Contents.IModel>) => {
        saved.set(path, model);
        return model;
      }
    } as unknown as Contents.IManager;
    return { manager, saved };
  }

  // The clone dialog, clone links, the published browser and the panel's Clone all write through cloneInto.
  it('clone: the file saved through the contents API has no trusted cells', async () => {
    const { manager, saved } = contents();
    const path = await cloneInto(
      manager,
      bytes(hostile()),
      'folder',
      'published/report.ipynb',
      trans as unknown as TranslationBundle
    );
    expect(path).toBe('folder/report.ipynb');
    const content = saved.get(path)?.content as nbformat.INotebookContent;
    expect(carriesTrust(content)).toBe(false);
    expect(content.cells).toHaveLength(3);
  });

  it('restore: the notebook model is loaded with no trusted cells', () => {
    const loaded: nbformat.INotebookContent[] = [];
    restoreInto({ fromJSON: value => loaded.push(value) }, bytes(hostile()), trans);
    expect(loaded).toHaveLength(1);
    expect(carriesTrust(loaded[0])).toBe(false);
  });

  // Both commands read the version with parseNotebook; the preview renders its outputs with trusted: false
  // besides, and Compare shows sources only.
  it('preview and compare: the version they read has no trusted cells', () => {
    expect(carriesTrust(parseNotebook(bytes(hostile()), trans))).toBe(false);
  });
});
