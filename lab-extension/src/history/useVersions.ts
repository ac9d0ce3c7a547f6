/**
 * The history panel's state, apart from how it is drawn: which notebook is in front, and its versions,
 * loaded a page at a time and refreshed when Bookstore says they changed.
 */
import { INotebookTracker } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { useCallback, useEffect, useRef, useState } from 'react';

import { describeError, isSettingsProblem } from '../core/messages';
import { IBookstore, IVersionsChanged } from '../tokens';
import { recallListing, rememberListing } from './cache';
import { HistoryCursor, IHistoryEntry } from './history';

/** Rows rendered more each time the end of the list scrolls into view. */
const PAGE = 100;

export interface ILoaded {
  cursor: HistoryCursor | null;
  entries: IHistoryEntry[];
  error: IListingError | null;
  loading: boolean;
}

/** Why the last listing failed, and whether the user's settings are where to fix it. */
export interface IListingError {
  message: string;
  inSettings: boolean;
}

function listingError(error: unknown, trans: TranslationBundle): IListingError {
  return { message: describeError(error, trans), inSettings: isSettingsProblem(error) };
}

export interface IVersions {
  loaded: ILoaded;
  /** How many rows to draw. */
  shown: number;
  /** Saves of any notebook waiting to be archived. */
  pending: number;
  /** The last save of this notebook had no changes. */
  unchanged: boolean;
  /** Lists again (from S3). */
  load: () => void;
  /** Shows more rows, fetching the next page when all loaded rows are shown. */
  more: () => void;
}

/** Re-renders every `ms` while mounted, so relative times ("2 minutes ago") stay true. */
export function useTicking(ms: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick(n => n + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
}

/** The path of the notebook in front, following renames. */
export function useCurrentPath(tracker: INotebookTracker): string | null {
  const [path, setPath] = useState<string | null>(tracker.currentWidget?.context.path ?? null);
  useEffect(() => {
    const update = () => setPath(tracker.currentWidget?.context.path ?? null);
    tracker.currentChanged.connect(update);
    tracker.currentWidget?.context.pathChanged.connect(update);
    return () => {
      tracker.currentChanged.disconnect(update);
      tracker.currentWidget?.context.pathChanged.disconnect(update);
    };
  }, [tracker, tracker.currentWidget]);
  return path;
}

/**
 * The versions of the notebook at `path` as the panel shows them: listed when the notebook changes,
 * after each archived save (at once from S3's answer, then confirmed by a listing) and after the
 * settings change; `shown` rows of them, growing with `more`.
 */
export function useVersions(bookstore: IBookstore, path: string | null, trans: TranslationBundle): IVersions {
  const [loaded, setLoaded] = useState<ILoaded>({ cursor: null, entries: [], error: null, loading: path !== null });
  const [shown, setShown] = useState(PAGE);
  const [pending, setPending] = useState(bookstore.queueState.pending);
  const [unchanged, setUnchanged] = useState(false);
  const request = useRef(0);
  const shownCursor = useRef<HistoryCursor | null>(null);
  shownCursor.current = loaded.cursor;

  /**
   * Lists the history again; `from`, the cursor shown, lends what it knows that the listing may not
   * show yet, and its published versions and records unless those `changed` (HistoryCursor.open).
   */
  const load = useCallback(
    (from?: HistoryCursor, changed?: 'workspace' | 'records') => {
      const id = ++request.current;
      if (!path) {
        setLoaded({ cursor: null, entries: [], error: null, loading: false });
        return;
      }
      setLoaded(previous => ({ ...previous, loading: true }));
      bookstore
        .client()
        .then(client => HistoryCursor.open(client, path, undefined, from, changed))
        .then(
          cursor => {
            if (id === request.current) {
              setLoaded({ cursor, entries: cursor.entries, error: null, loading: false });
              rememberListing(bookstore.settings, path, cursor.entries);
            }
          },
          // A failed listing keeps the versions listed before (of this notebook, in this page or an
          // earlier one) on show, marked as stale.
          error =>
            id === request.current &&
            setLoaded(previous => {
              const kept =
                previous.cursor?.path === path
                  ? previous
                  : { cursor: null, entries: recallListing(bookstore.settings, path) };
              return { ...kept, error: listingError(error, trans), loading: false };
            })
        );
    },
    [bookstore, path]
  );

  /** Shows more rows, fetching the next page of the history when all loaded rows are shown. */
  const more = useCallback(() => {
    const { cursor, entries, loading } = loaded;
    if (shown < entries.length) {
      setShown(n => n + PAGE);
    } else if (cursor?.hasMore && !loading) {
      const id = request.current;
      setLoaded(previous => ({ ...previous, loading: true }));
      cursor.loadMore().then(
        () => {
          if (id === request.current) {
            setLoaded({ cursor, entries: cursor.entries, error: null, loading: false });
            setShown(n => n + PAGE);
          }
        },
        error =>
          id === request.current &&
          setLoaded(previous => ({ ...previous, error: listingError(error, trans), loading: false }))
      );
    }
  }, [loaded, shown]);

  useEffect(() => {
    setShown(PAGE);
    setUnchanged(false);
    load();
    const onVersions = (_: unknown, changed: IVersionsChanged) => {
      if (changed.path === path) {
        setUnchanged(false);
        const shownNow = shownCursor.current;
        if (changed.scope === 'workspace' && shownNow?.path === path) {
          // Show what S3 answered at once; the listing that follows confirms it.
          const cursor = shownNow.withStored(changed.stored);
          setLoaded({ cursor, entries: cursor.entries, error: null, loading: true });
          load(cursor);
        } else {
          load();
        }
      }
    };
    const onUnchanged = (_: unknown, saved: string) => saved === path && setUnchanged(true);
    // A rename or a restore is recorded a moment after the panel showed the notebook: list it again.
    const onRecorded = (_: unknown, recorded: string) =>
      recorded === path && load(shownCursor.current ?? undefined, 'records');
    const onState = () => setPending(bookstore.queueState.pending);
    bookstore.versionsChanged.connect(onVersions);
    bookstore.savedUnchanged.connect(onUnchanged);
    bookstore.historyRecorded.connect(onRecorded);
    const reload = () => load();
    bookstore.configured.connect(reload);
    bookstore.stateChanged.connect(onState);
    return () => {
      bookstore.versionsChanged.disconnect(onVersions);
      bookstore.savedUnchanged.disconnect(onUnchanged);
      bookstore.historyRecorded.disconnect(onRecorded);
      bookstore.configured.disconnect(reload);
      bookstore.stateChanged.disconnect(onState);
    };
  }, [bookstore, path, load]);

  return { loaded, shown, pending, unchanged, load, more };
}
