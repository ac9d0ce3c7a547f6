/**
 * One cell of a comparison: its source line by line with the changed characters of an edited line
 * marked, its outputs before and after side by side (rendered untrusted: HTML is sanitized, scripts do
 * not run, images show), and which metadata keys changed with their values before and after.
 * Sources and metadata are set as text, never as markup.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { OutputAreaModel, SimplifiedOutputArea } from '@jupyterlab/outputarea';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { TranslationBundle } from '@jupyterlab/translation';
import { PanelLayout, Widget } from '@lumino/widgets';

import { ICellSummary, INotebookDiff, ISourceLine } from './diff';

export function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function sourceOf(cell: nbformat.ICell | undefined): string {
  const source = cell?.source ?? '';
  return Array.isArray(source) ? source.join('') : source;
}

const MARKS = { same: '  ', removed: '- ', added: '+ ' };

function lineNode(line: ISourceLine): HTMLElement {
  const node = element('div', `jp-bookstore-compare-line jp-mod-${line.kind}`, MARKS[line.kind]);
  for (const [text, changed] of line.segments) {
    node.appendChild(changed ? element('mark', 'jp-bookstore-compare-changed', text) : document.createTextNode(text));
  }
  return node;
}

function sourceNode(change: ICellSummary, cell: nbformat.ICell | undefined): HTMLElement {
  const code = element('pre', 'jp-bookstore-compare-source');
  const lines: ISourceLine[] =
    change.lines.length > 0
      ? change.lines
      : sourceOf(cell)
          .split('\n')
          .map(text => ({ kind: 'same', segments: [[text, false]] }));
  lines.forEach(line => code.appendChild(lineNode(line)));
  return code;
}

function label(change: ICellSummary, trans: TranslationBundle): string {
  const type = change.cellType;
  return {
    added: trans.__('Added %1 cell', type),
    removed: trans.__('Removed %1 cell', type),
    changed: trans.__('Changed %1 cell', type),
    unchanged: trans.__('Unchanged %1 cell', type)
  }[change.status];
}

/** What changed besides the source, in a few words. */
function notes(change: ICellSummary, trans: TranslationBundle): string[] {
  return [
    change.executionCount ? trans.__('execution count changed') : '',
    change.attachments ? trans.__('attachments changed') : '',
    change.outputs ? trans.__('outputs changed') : ''
  ].filter(Boolean);
}

function outputsOf(cell: nbformat.ICell | undefined): nbformat.IOutput[] {
  return cell?.cell_type === 'code' ? ((cell as nbformat.ICodeCell).outputs ?? []) : [];
}

/** The outputs of both sides, each under its heading; untrusted. */
function outputsWidget(sides: [string, nbformat.ICell | undefined][], rendermime: IRenderMimeRegistry): Widget {
  const row = new Widget();
  const layout = new PanelLayout();
  row.layout = layout;
  row.addClass('jp-bookstore-compare-outputs');
  for (const [heading, cell] of sides) {
    const side = new Widget();
    const sideLayout = new PanelLayout();
    side.layout = sideLayout;
    side.addClass('jp-bookstore-compare-side');
    sideLayout.addWidget(new Widget({ node: element('div', 'jp-bookstore-compare-side-heading', heading) }));
    const model = new OutputAreaModel({ values: outputsOf(cell), trusted: false });
    sideLayout.addWidget(new SimplifiedOutputArea({ model, rendermime }));
    layout.addWidget(side);
  }
  return row;
}

export function metadataNode(keys: string[], before: unknown, after: unknown, trans: TranslationBundle): HTMLElement {
  const list = element('dl', 'jp-bookstore-compare-metadata');
  const value = (metadata: unknown, key: string) => {
    const found = key === 'metadata' ? metadata : (metadata as Record<string, unknown> | undefined)?.[key];
    return found === undefined ? trans.__('(none)') : JSON.stringify(found);
  };
  for (const key of keys) {
    list.appendChild(element('dt', '', trans.__('metadata: %1', key)));
    list.appendChild(element('dd', 'jp-mod-removed', `- ${value(before, key)}`));
    list.appendChild(element('dd', 'jp-mod-added', `+ ${value(after, key)}`));
  }
  return list;
}

/** The widget of one cell of `diff`'s summary; `sides` names the two notebooks (older first). */
export function cellWidget(
  change: ICellSummary,
  diff: INotebookDiff,
  sides: [string, string],
  rendermime: IRenderMimeRegistry,
  trans: TranslationBundle
): Widget {
  const before = change.base === null ? undefined : diff.base.cells[change.base];
  const after = change.remote === null ? undefined : diff.remote.cells[change.remote];
  const block = new Widget();
  const layout = new PanelLayout();
  block.layout = layout;
  block.addClass('jp-bookstore-compare-cell');
  block.addClass(`jp-mod-${change.status}`);
  block.node.dataset.status = change.status;
  const heading = [label(change, trans), ...notes(change, trans)].join(' · ');
  layout.addWidget(new Widget({ node: element('div', 'jp-bookstore-compare-label', heading) }));
  layout.addWidget(new Widget({ node: sourceNode(change, after ?? before) }));
  if (change.outputs) {
    layout.addWidget(
      outputsWidget(
        [
          [sides[0], before],
          [sides[1], after]
        ],
        rendermime
      )
    );
  }
  if (change.metadata.length > 0) {
    layout.addWidget(new Widget({ node: metadataNode(change.metadata, before?.metadata, after?.metadata, trans) }));
  }
  return block;
}
