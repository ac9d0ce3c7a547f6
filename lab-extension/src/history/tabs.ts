/**
 * The preview and comparison tabs: one per version (opening it again brings the open tab to the
 * front), each with its icon and its full title on hover. Where the main area takes no second widget
 * (Notebook 7's holds its one document), the view opens in a dialog over it instead.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { LabIcon } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';

import { storedPath } from '../core/args';
import { IVersionArgs } from '../tokens';

/** What a tab shows of a version. */
export type TabKind = 'preview' | 'compare';

let count = 0;

export class VersionTabs {
  constructor(
    private readonly shell: JupyterFrontEnd.IShell,
    private readonly trans: TranslationBundle
  ) {}

  /** Brings the `kind` tab open for that version to the front; false when there is none. */
  focus(kind: TabKind, version: IVersionArgs): boolean {
    const open = this.open.get(key(kind, version));
    if (!open || open.isDisposed) {
      return false;
    }
    this.shell.activateById(open.id);
    return true;
  }

  /** Shows `widget` in a new `kind` tab for that version; `caption` is its title in full, shown on hover. */
  add(kind: TabKind, version: IVersionArgs, widget: Widget, icon: LabIcon, caption: string): void {
    const id = key(kind, version);
    widget.id = `jp-bookstore-version-tab-${++count}`;
    widget.title.icon = icon;
    widget.title.caption = caption;
    this.open.set(id, widget);
    widget.disposed.connect(() => this.open.delete(id));
    this.shell.add(widget, 'main');
    if (!widget.isAttached) {
      this.open.delete(id);
      this.showInDialog(widget);
      return;
    }
    this.shell.activateById(widget.id);
  }

  private showInDialog(widget: Widget): void {
    const dialog = new Dialog({
      title: widget.title.caption,
      body: widget,
      buttons: [Dialog.okButton({ label: this.trans.__('Close') })]
    });
    dialog.addClass('jp-bookstore-version-dialog');
    void dialog.launch().then(() => widget.dispose());
  }

  private readonly open = new Map<string, Widget>();
}

function key(kind: TabKind, which: IVersionArgs): string {
  const against = which.againstVersionId ? `:${which.againstScope}:${which.againstVersionId}` : '';
  return `${kind}:${which.scope}:${storedPath(which)}:${which.versionId}${against}`;
}
