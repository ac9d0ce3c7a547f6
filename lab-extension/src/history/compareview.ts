/**
 * Shows a comparison of two notebooks in the main area: a summary line, then each cell that was added,
 * removed or edited, with its changed lines marked; runs of unchanged cells are folded into one line.
 * Everything from the notebooks is set as text, never as markup.
 */
import { MainAreaWidget } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { ICellChange, IComparison } from './compare';

function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function cellBlock(change: ICellChange, trans: TranslationBundle): HTMLElement {
  const block = element('div', `jp-bookstore-compare-cell jp-mod-${change.kind}`);
  block.dataset.kind = change.kind;
  const label = {
    added: trans.__('Added %1 cell', change.cellType),
    removed: trans.__('Removed %1 cell', change.cellType),
    edited: trans.__('Edited %1 cell', change.cellType),
    same: trans.__('Unchanged %1 cell', change.cellType)
  }[change.kind];
  block.appendChild(element('div', 'jp-bookstore-compare-label', label));
  const code = element('pre', 'jp-bookstore-compare-source');
  const lines =
    change.lines.length > 0 ? change.lines : change.source.split('\n').map(text => ({ kind: 'same', text }));
  for (const line of lines) {
    const mark = line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  ';
    code.appendChild(element('div', `jp-bookstore-compare-line jp-mod-${line.kind}`, mark + line.text));
  }
  block.appendChild(code);
  if (change.outputsChanged) {
    block.appendChild(element('div', 'jp-bookstore-compare-outputs', trans.__('Outputs changed')));
  }
  return block;
}

/** A main-area widget showing `comparison` under `title` (what was compared with what). */
export function createComparison(comparison: IComparison, title: string, trans: TranslationBundle): MainAreaWidget {
  const content = new Widget();
  content.addClass('jp-bookstore-compare');
  const { added, removed, edited } = comparison;
  const summary =
    added + removed + edited === 0
      ? trans.__('No differences in cells or outputs.')
      : trans.__('%1 edited, %2 added, %3 removed cells', String(edited), String(added), String(removed));
  content.node.appendChild(element('div', 'jp-bookstore-compare-summary', summary));
  let unchanged = 0;
  const foldUnchanged = () => {
    if (unchanged > 0) {
      content.node.appendChild(
        element('div', 'jp-bookstore-compare-same', trans._n('%1 unchanged cell', '%1 unchanged cells', unchanged))
      );
      unchanged = 0;
    }
  };
  for (const change of comparison.cells) {
    if (change.kind === 'same') {
      unchanged++;
      continue;
    }
    foldUnchanged();
    content.node.appendChild(cellBlock(change, trans));
  }
  foldUnchanged();
  const widget = new MainAreaWidget({ content });
  widget.title.label = title;
  widget.title.closable = true;
  widget.addClass('jp-bookstore-compare-panel');
  return widget;
}
