/** How every feature reports a failure: JupyterLab's Notification, with the whole message a click away. */
import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';

import { describeError } from './messages';
import { showText } from './dialogs';

/**
 * Shows a failure, with a "Details" action for the whole text (notifications cut long messages).
 * Backend messages say what to do and never contain secrets.
 */
export function notifyError(trans: TranslationBundle, message: string, actions: Notification.IAction[] = []): string {
  return Notification.error(message, { autoClose: false, actions: [...actions, detailsAction(trans, message)] });
}

/** Opens the whole message in a dialog, where it can be read and copied. */
export function detailsAction(trans: TranslationBundle, message: string): Notification.IAction {
  return { label: trans.__('Details'), callback: () => void showText(trans.__('Bookstore'), message, trans) };
}

/** `what` failed because of `error`. */
export function notifyFailure(trans: TranslationBundle, what: string, error: unknown): void {
  notifyError(trans, trans.__('%1: %2', what, describeError(error, trans)));
}
