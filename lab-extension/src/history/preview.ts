/**
 * A read-only, untrusted preview of a stored version in the main area. Outputs are rendered with
 * `trusted: false`, so HTML is sanitized and JavaScript outputs do not run.
 */
import { MainAreaWidget } from '@jupyterlab/apputils';
import { SimplifiedOutputArea, OutputAreaModel } from '@jupyterlab/outputarea';
import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import { PanelLayout, Widget } from '@lumino/widgets';

import type * as nbformat from '@jupyterlab/nbformat';

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
