/** The status bar item: idle, uploading, or failing (with the count of saves waiting); a click opens the list. */
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { IQueueState } from '../core/queue';

export class ArchiveStatus extends Widget {
  constructor(
    private readonly trans: TranslationBundle,
    private readonly onClick: () => void
  ) {
    super();
    // JupyterLab's class for status bar text: its font, colour and line height.
    this.addClass('jp-StatusBar-TextItem');
    this.addClass('jp-bookstore-status');
    this.node.setAttribute('role', 'status');
    this.node.addEventListener('click', () => this.onClick());
    this.setState({ pending: 0, uploading: 0, failed: 0, lastError: null });
  }

  /** Shows `state`. */
  setState(state: IQueueState): void {
    const { trans } = this;
    let text: string;
    let title: string;
    this.node.classList.toggle('jp-mod-failed', state.failed > 0);
    if (state.failed > 0) {
      text = trans._n('Bookstore: %1 save not archived', 'Bookstore: %1 saves not archived', state.pending);
      title = trans.__(
        '%1 Retried automatically; click to retry now or to see the waiting saves.',
        state.lastError ?? ''
      );
    } else if (state.pending > 0) {
      text = trans.__('Bookstore: uploading %1', state.pending);
      title = trans.__('Archiving saved notebooks to S3; click to see the waiting saves');
    } else {
      text = trans.__('Bookstore: idle');
      title = trans.__('Every save is archived to S3');
    }
    this.node.textContent = text;
    this.node.title = title;
    this.node.dataset.pending = String(state.pending);
    this.node.dataset.failed = String(state.failed);
  }
}
