/** The clone dialogs: a location typed in, a published notebook picked, a clone link confirmed. */
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type { PublishedEntry } from '../core/backend';
import { exactTime } from '../core/time';

/** What the user typed in the clone dialog, and why it could not be cloned (shown when it reopens). */
export interface ITypedLocation {
  text: string;
  error?: string;
}

/**
 * Asks for one location: a whole `s3://bucket/key?versionId=…`, or a key in `defaultBucket`. It is
 * checked while typing (`check` says what is wrong, or null) and Clone stays disabled until it passes.
 * Resolves with the text typed, or null when cancelled.
 */
export async function askCloneLocation(
  typed: ITypedLocation,
  check: (text: string) => Promise<string | null>,
  trans: TranslationBundle
): Promise<string | null> {
  const body = new LocationBody(typed, check, trans);
  const result = await showDialog({
    title: trans.__('Clone notebook from S3'),
    body,
    buttons: [Dialog.cancelButton({ label: trans.__('Cancel') }), Dialog.okButton({ label: trans.__('Clone') })]
  });
  return result.button.accept && result.value ? result.value : null;
}

/** The location field, its live check and the reason the last clone failed. Text only, never HTML. */
class LocationBody extends Widget implements Dialog.IBodyWidget<string> {
  constructor(
    typed: ITypedLocation,
    private readonly check: (text: string) => Promise<string | null>,
    trans: TranslationBundle
  ) {
    super();
    this.addClass('jp-bookstore-form');
    const label = document.createElement('label');
    label.textContent = trans.__(
      'S3 location: s3://bucket/key, with ?versionId=… for a version, or a key in your bucket'
    );
    this.input.className = 'jp-mod-styled';
    this.input.name = 'location';
    this.input.autocomplete = 'off';
    this.input.placeholder = 's3://bucket/published/notebook.ipynb';
    this.input.value = typed.text;
    this.input.addEventListener('input', () => void this.validate());
    label.appendChild(this.input);
    this.message.className = 'jp-bookstore-form-error';
    this.message.setAttribute('aria-live', 'polite');
    this.message.textContent = typed.error ?? '';
    this.node.append(label, this.message);
  }

  getValue(): string {
    return this.input.value.trim();
  }

  protected onAfterAttach(): void {
    this.input.focus();
    this.input.setSelectionRange(this.input.value.length, this.input.value.length);
    void this.validate(true);
  }

  /** Checks what is typed; `keepError` leaves the last clone's failure on show while the text passes. */
  private async validate(keepError = false): Promise<void> {
    const text = this.getValue();
    const round = ++this.round;
    const problem = text ? await this.check(text) : null;
    if (round !== this.round) {
      return;
    }
    if (!keepError || problem) {
      this.message.textContent = problem ?? '';
    }
    const accept = this.node.closest('.jp-Dialog')?.querySelector<HTMLButtonElement>('.jp-mod-accept');
    if (accept) {
      accept.disabled = !text || problem !== null;
    }
  }

  private readonly input = document.createElement('input');
  private readonly message = document.createElement('div');
  private round = 0;
}

/** Lets the user pick one published notebook; null when cancelled. */
export async function pickPublished(
  entries: PublishedEntry[],
  trans: TranslationBundle
): Promise<PublishedEntry | null> {
  const body = new Widget({ node: document.createElement('select') });
  const select = body.node as HTMLSelectElement;
  select.className = 'jp-mod-styled jp-bookstore-published-list';
  select.size = Math.min(12, Math.max(2, entries.length));
  entries.forEach((entry, index) => {
    const option = document.createElement('option');
    option.value = String(index);
    option.textContent = `${entry.path} (${exactTime(entry.lastModified)})`;
    select.appendChild(option);
  });
  select.selectedIndex = 0;
  const result = await showDialog({
    title: trans.__('Published notebooks'),
    body,
    buttons: [Dialog.cancelButton({ label: trans.__('Cancel') }), Dialog.okButton({ label: trans.__('Clone') })]
  });
  return result.button.accept && select.selectedIndex >= 0 ? entries[select.selectedIndex] : null;
}

/** Asks before cloning from a link; a link can come from anyone. */
export async function confirmCloneLink(uri: string, trans: TranslationBundle): Promise<boolean> {
  const body = new Widget();
  const what = document.createElement('p');
  what.textContent = trans.__('A link asks to clone this notebook into a new file:');
  const where = document.createElement('code');
  where.textContent = uri;
  const warning = document.createElement('p');
  warning.textContent = trans.__(
    'Clone only from locations you trust. The copy opens untrusted: its JavaScript outputs do not run until you trust it.'
  );
  body.node.append(what, where, warning);
  const result = await showDialog({
    title: trans.__('Clone notebook from a link?'),
    body,
    buttons: [Dialog.cancelButton({ label: trans.__('Cancel') }), Dialog.warnButton({ label: trans.__('Clone') })]
  });
  return result.button.accept;
}
