/**
 * The last listing of each notebook, kept in the browser (localStorage), so that a panel opened while S3
 * cannot be reached (after a reload, say) still shows what it last knew, marked as possibly out of date.
 * Version ids, times and sizes only: nothing secret and no notebook content.
 */
import { IBookstoreSettings } from '../core/settings';
import { IHistoryEntry } from './history';

const PREFIX = 'jupyterlab-bookstore:versions:';
/** The newest rows only: what the panel shows first, small enough for many notebooks to fit. */
const ROWS = 50;

/** Listings of another bucket, endpoint or prefix are other listings. */
function storageKey(settings: IBookstoreSettings, path: string): string {
  const { endpoint, bucket, workspacePrefix, publishedPrefix, user } = settings;
  return PREFIX + JSON.stringify([endpoint, bucket, workspacePrefix, publishedPrefix, user, path]);
}

export function rememberListing(settings: IBookstoreSettings, path: string, entries: IHistoryEntry[]): void {
  try {
    localStorage.setItem(storageKey(settings, path), JSON.stringify(entries.slice(0, ROWS)));
  } catch {
    // Storage full or disabled: the panel only loses its fallback.
  }
}

export function recallListing(settings: IBookstoreSettings, path: string): IHistoryEntry[] {
  try {
    const kept = JSON.parse(localStorage.getItem(storageKey(settings, path)) ?? '[]');
    return Array.isArray(kept) ? kept : [];
  } catch {
    return [];
  }
}
