/**
 * A read-only, untrusted preview of a stored version in the main area. Outputs are rendered with
 * `trusted: false`, so HTML is sanitized and JavaScript outputs do not run.
 */
import { MainAreaWidget } from '@jupyterlab/apputils';
import { SimplifiedOutputArea, OutputAreaModel } from '@jupyterlab/outputarea';
import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import { TranslationBundle } from '@jupyterlab/translation';
import { PanelLayout, Widget } from '@lumino/widgets';

import type * as nbformat from '@jupyterlab/nbformat';

/** Parses notebook bytes; throws an Error that says what is wrong when they are not a notebook. */
export function parseNotebook(bytes: Uint8Array, trans: TranslationBundle): nbformat.INotebookContent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error(trans.__('This version is not a notebook: it is not valid JSON.'));
  }
  const notebook = parsed as nbformat.INotebookContent;
  if (typeof notebook !== 'object' || notebook === null || !Array.isArray(notebook.cells)) {
    throw new Error(trans.__('This version is not a notebook: it has no cells.'));
  }
  if (typeof notebook.nbformat !== 'number' || notebook.nbformat < 4) {
    throw new Error(trans.__('This version uses notebook format %1; only format 4 can be opened.', String(notebook.nbformat)));
  }
  return notebook;
}

function source(cell: nbformat.ICell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

export function createPreview(
  notebook: nbformat.INotebookContent,
  title: string,
  rendermime: IRenderMimeRegistry
): MainAreaWidget {
  const content = new Widget();
  const layout = new PanelLayout();
  content.layout = layout;
  content.addClass('jp-bookstore-preview');
  for (const cell of notebook.cells) {
    const box = new Widget();
    const boxLayout = new PanelLayout();
    box.layout = boxLayout;
    box.addClass('jp-bookstore-preview-cell');
    box.addClass(`jp-bookstore-preview-${cell.cell_type}`);
    layout.addWidget(box);
    if (cell.cell_type === 'markdown') {
      const renderer = rendermime.createRenderer('text/markdown');
      void renderer.renderModel(new MimeModel({ data: { 'text/markdown': source(cell) }, trusted: false }));
      boxLayout.addWidget(renderer);
      continue;
    }
    const code = new Widget({ node: document.createElement('pre') });
    code.node.textContent = source(cell);
    boxLayout.addWidget(code);
    if (cell.cell_type === 'code') {
      const model = new OutputAreaModel({ values: (cell as nbformat.ICodeCell).outputs, trusted: false });
      boxLayout.addWidget(new SimplifiedOutputArea({ model, rendermime }));
    }
  }
  const widget = new MainAreaWidget({ content });
  widget.title.label = title;
  widget.title.closable = true;
  widget.addClass('jp-bookstore-preview-panel');
  return widget;
}
