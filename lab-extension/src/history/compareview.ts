/**
 * A comparison of two notebooks in the main area: a bar with what was compared, how many cells
 * changed, and the options (hide unchanged cells; ignore outputs, metadata, execution counts), then
 * each cell (`comparecell`). The diff is the crate's (`diff`), computed again when an option changes.
 */
import { MainAreaWidget } from '@jupyterlab/apputils';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { TranslationBundle } from '@jupyterlab/translation';
import { Panel, PanelLayout, Widget } from '@lumino/widgets';

import { cellWidget, element, metadataNode } from './comparecell';
import { diffNotebooks, IDiffOptions, INotebookDiff } from './diff';

/** The two notebooks compared, as text, each with a short name ("12 Mar 10:02", "saved notebook"). */
export interface ISides {
  base: { text: string; name: string };
  remote: { text: string; name: string };
}

interface IViewOptions extends IDiffOptions {
  hideUnchanged: boolean;
}

function summaryText(diff: INotebookDiff, trans: TranslationBundle): string {
  const count = (status: string) => String(diff.summary.cells.filter(cell => cell.status === status).length);
  if (diff.summary.cells.every(cell => cell.status === 'unchanged') && diff.summary.metadata.length === 0) {
    return trans.__('No differences.');
  }
  return trans.__('%1 changed, %2 added, %3 removed cells', count('changed'), count('added'), count('removed'));
}

class ComparisonView extends Widget {
  constructor(
    private readonly sides: ISides,
    private readonly rendermime: IRenderMimeRegistry,
    private readonly trans: TranslationBundle
  ) {
    super();
    this.addClass('jp-bookstore-compare');
    const layout = new PanelLayout();
    this.layout = layout;
    layout.addWidget(new Widget({ node: this.bar() }));
    layout.addWidget(this.body);
    this.body.addClass('jp-bookstore-compare-body');
  }

  /** Diffs and draws; a failure (a version that is no notebook) is shown in place. */
  async render(): Promise<void> {
    const { base, remote } = this.sides;
    const diff = await diffNotebooks(base.text, remote.text, this.options);
    this.summary.textContent = summaryText(diff, this.trans);
    this.drawn = diff;
    this.drawCells();
  }

  private drawCells(): void {
    const diff = this.drawn;
    if (!diff) {
      return;
    }
    this.body.widgets.slice().forEach(widget => widget.dispose());
    const names: [string, string] = [this.sides.base.name, this.sides.remote.name];
    if (diff.summary.metadata.length > 0) {
      const { base, remote } = diff;
      this.body.addWidget(
        new Widget({ node: metadataNode(diff.summary.metadata, base.metadata, remote.metadata, this.trans) })
      );
    }
    let unchanged = 0;
    const fold = () => {
      if (unchanged > 0) {
        const text = this.trans._n('%1 unchanged cell', '%1 unchanged cells', unchanged);
        this.body.addWidget(new Widget({ node: element('div', 'jp-bookstore-compare-same', text) }));
        unchanged = 0;
      }
    };
    for (const change of diff.summary.cells) {
      if (change.status === 'unchanged' && this.options.hideUnchanged) {
        unchanged++;
        continue;
      }
      fold();
      this.body.addWidget(cellWidget(change, diff, names, this.rendermime, this.trans));
    }
    fold();
  }

  private bar(): HTMLElement {
    const bar = element('div', 'jp-bookstore-compare-bar');
    const { base, remote } = this.sides;
    bar.appendChild(element('div', 'jp-bookstore-compare-sides', this.trans.__('%1 → %2', base.name, remote.name)));
    bar.appendChild(this.summary);
    const toggle = (key: keyof IViewOptions, text: string, redraw: () => void) => {
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = this.options[key];
      box.addEventListener('change', () => {
        this.options[key] = box.checked;
        redraw();
      });
      const label = element('label', 'jp-bookstore-compare-option');
      label.append(box, text);
      bar.appendChild(label);
    };
    const again = () => void this.render().catch(error => this.failed(error));
    toggle('hideUnchanged', this.trans.__('Hide unchanged cells'), () => this.drawCells());
    toggle('ignoreOutputs', this.trans.__('Ignore outputs'), again);
    toggle('ignoreMetadata', this.trans.__('Ignore metadata'), again);
    toggle('ignoreExecutionCounts', this.trans.__('Ignore execution counts'), again);
    return bar;
  }

  failed(error: unknown): void {
    this.summary.textContent = error instanceof Error ? error.message : String(error);
    this.summary.classList.add('jp-mod-error');
  }

  private readonly body = new Panel();
  private readonly summary = element('div', 'jp-bookstore-compare-summary', this.trans.__('Comparing…'));
  private readonly options: IViewOptions = {
    hideUnchanged: true,
    ignoreOutputs: false,
    ignoreMetadata: false,
    ignoreExecutionCounts: true
  };
  private drawn: INotebookDiff | null = null;
}

/** A main-area widget comparing `sides.base` (the older) with `sides.remote`; rejects when either is no notebook. */
export async function createComparison(
  sides: ISides,
  title: string,
  rendermime: IRenderMimeRegistry,
  trans: TranslationBundle
): Promise<MainAreaWidget> {
  const content = new ComparisonView(sides, rendermime, trans);
  await content.render();
  const widget = new MainAreaWidget({ content });
  widget.title.label = title;
  widget.title.closable = true;
  widget.addClass('jp-bookstore-compare-panel');
  return widget;
}
