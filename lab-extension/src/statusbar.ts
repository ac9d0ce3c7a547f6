/** The status bar item: idle, uploading, or failed (with count); a click retries failed uploads. */
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import { IQueueState } from './queue';

export class ArchiveStatus extends Widget {
  constructor(
    private readonly trans: TranslationBundle,
    private readonly onRetry: () => void
  ) {
    super();
    this.addClass('jp-bookstore-status');
    this.node.setAttribute('role', 'status');
    this.node.addEventListener('click', () => this.onRetry());
    this.setState({ pending: 0, uploading: 0, failed: 0, lastError: null });
  }

  /** Shows `state`. */
  setState(state: IQueueState): void {
    const { trans } = this;
    let text: string;
    let title: string;
    this.node.classList.toggle('jp-mod-failed', state.failed > 0);
    if (state.failed > 0) {
      text = trans._n('Bookstore: %1 upload failed', 'Bookstore: %1 uploads failed', state.failed);
      title = trans.__('%1 Click to retry now; failed uploads are also retried automatically.', state.lastError ?? '');
    } else if (state.pending > 0) {
      text = trans.__('Bookstore: uploading %1', state.pending);
      title = trans.__('Archiving saved notebooks to S3');
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
