/** Dialog parts the features share, built on JupyterLab's Dialog. Every string shown comes through `trans`. */
import { Clipboard, Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

/** A form body: labelled inputs, read back by name. Text is set with textContent, never as HTML. */
export class FormBody extends Widget implements Dialog.IBodyWidget<Record<string, string>> {
  constructor(fields: { name: string; label: string; type?: string; value?: string; placeholder?: string }[]) {
    super();
    this.addClass('jp-bookstore-form');
    for (const field of fields) {
      const label = document.createElement('label');
      label.textContent = field.label;
      const input = document.createElement('input');
      input.className = 'jp-mod-styled';
      input.name = field.name;
      input.type = field.type ?? 'text';
      input.value = field.value ?? '';
      input.placeholder = field.placeholder ?? '';
      input.autocomplete = 'off';
      label.appendChild(input);
      this.node.appendChild(label);
    }
  }

  getValue(): Record<string, string> {
    const values: Record<string, string> = {};
    this.node.querySelectorAll('input').forEach(input => (values[input.name] = input.value.trim()));
    return values;
  }
}

/** Rows of "label: value [Copy]". */
export function copyRows(rows: [string, string][], trans: TranslationBundle): Widget {
  const body = new Widget();
  body.addClass('jp-bookstore-copy-rows');
  for (const [label, value] of rows) {
    const row = document.createElement('div');
    row.className = 'jp-bookstore-copy-row';
    const name = document.createElement('span');
    name.textContent = label;
    const code = document.createElement('code');
    code.textContent = value;
    const copy = document.createElement('button');
    copy.className = 'jp-Button jp-mod-styled jp-mod-reject';
    copy.textContent = trans.__('Copy');
    copy.addEventListener('click', () => Clipboard.copyToSystem(value));
    row.append(name, code, copy);
    body.node.appendChild(row);
  }
  return body;
}

export async function showText(title: string, text: string, trans: TranslationBundle): Promise<void> {
  const body = new Widget({ node: document.createElement('pre') });
  body.node.textContent = text;
  body.addClass('jp-bookstore-text');
  await showDialog({
    title,
    body,
    buttons: [
      Dialog.createButton({ label: trans.__('Copy'), actions: ['copy'] }),
      Dialog.okButton({ label: trans.__('Close') })
    ]
  }).then(result => {
    if (result.button.actions.includes('copy')) {
      Clipboard.copyToSystem(text);
    }
  });
}
