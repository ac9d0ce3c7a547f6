/**
 * The preview and comparison tabs: one per version (opening it again brings the open tab to the
 * front), each with its icon and its full title on hover.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { LabIcon } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';

let count = 0;

export class VersionTabs {
  constructor(private readonly shell: JupyterFrontEnd.IShell) {}

  /** Brings the tab open for `key` to the front; false when there is none. */
  focus(key: string): boolean {
    const open = this.open.get(key);
    if (!open || open.isDisposed) {
      return false;
    }
    this.shell.activateById(open.id);
    return true;
  }

  /** Shows `widget` in a new tab for `key`; `caption` is its title in full, shown on hover. */
  add(key: string, widget: Widget, icon: LabIcon, caption: string): void {
    widget.id = `jp-bookstore-version-tab-${++count}`;
    widget.title.icon = icon;
    widget.title.caption = caption;
    this.open.set(key, widget);
    widget.disposed.connect(() => this.open.delete(key));
    this.shell.add(widget, 'main');
    this.shell.activateById(widget.id);
  }

  private readonly open = new Map<string, Widget>();
}
