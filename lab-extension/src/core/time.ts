/**
 * How the extension writes a moment: one exact format everywhere (lists, titles, messages), in the
 * user's locale, and a relative one ("5 minutes ago") where a list shows recency.
 */
import { Time } from '@jupyterlab/coreutils';

/** A date as an ISO string, a Date, or milliseconds since 1970. */
export type Moment = string | number | Date;

/** "1 Dec 2026, 02:03:49" (in the user's locale). */
export function exactTime(moment: Moment): string {
  return new Date(moment).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** "5 minutes ago"; re-render to keep it current (see useTicking in history/useVersions.ts). */
export function relativeTime(moment: Moment): string {
  return Time.formatHuman(new Date(moment));
}
