/**
 * The version history side panel: follows the current notebook and lists its workspace and published
 * versions, newest first, with actions for each. Long histories render a page at a time as the list
 * scrolls, so 10,000 versions stay smooth.
 */
import { INotebookTracker } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { Button, ReactWidget, refreshIcon, ToolbarButtonComponent } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import React, { useEffect, useRef } from 'react';

import { CommandIDs, IBookstore } from '../tokens';
import { exactTime, relativeTime } from '../core/time';
import { formatSize } from './format';
import { historyIcon } from './icons';
import { IHistoryEntry } from './history';
import { useCurrentPath, useTicking, useVersions } from './useVersions';

/** How often the relative times of the list are brought up to date. */
const TICK = 30_000;

interface IProps {
  bookstore: IBookstore;
  tracker: INotebookTracker;
  commands: CommandRegistry;
  trans: TranslationBundle;
}

function History({ bookstore, tracker, commands, trans }: IProps): JSX.Element {
  const path = useCurrentPath(tracker);
  const { loaded, shown, pending, unchanged, load, more } = useVersions(bookstore, path, trans);
  useTicking(TICK);

  // Grow the list when its end scrolls into view.
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = sentinel.current;
    if (!node) {
      return;
    }
    const observer = new IntersectionObserver(seen => seen.some(e => e.isIntersecting) && more());
    observer.observe(node);
    return () => observer.disconnect();
  }, [more]);

  if (!path) {
    return <div className="jp-bookstore-empty">{trans.__('Open a notebook to see its versions.')}</div>;
  }
  const versions = loaded.entries;
  return (
    <div className="jp-bookstore-history-body">
      <div className="jp-bookstore-history-header">
        <span className="jp-bookstore-history-path" title={path}>
          {path}
        </span>
        <ToolbarButtonComponent
          icon={refreshIcon}
          onClick={() => load()}
          tooltip={trans.__('Refresh')}
          enabled={!loaded.loading}
        />
      </div>
      <div className="jp-bookstore-history-summary" aria-live="polite">
        {loaded.loading
          ? trans.__('Loading versions…')
          : loaded.cursor?.hasMore
            ? trans.__('%1+ versions', versions.filter(v => !v.isDeleteMarker).length)
            : trans._n('%1 version', '%1 versions', versions.filter(v => !v.isDeleteMarker).length)}
        {pending > 0 && ` · ${trans._n('%1 save waiting to be archived', '%1 saves waiting to be archived', pending)}`}
      </div>
      {unchanged && (
        <div className="jp-bookstore-history-unchanged">
          {trans.__('The last save had no changes, so no new version was made.')}
        </div>
      )}
      {loaded.error && (
        <div className="jp-bookstore-error" role="alert">
          <div className="jp-bookstore-error-text">
            {versions.length > 0
              ? trans.__('The list could not be refreshed and may be out of date: %1', loaded.error)
              : trans.__('The versions could not be listed: %1', loaded.error)}
          </div>
          <Button small onClick={() => load()} className="jp-bookstore-retry">
            {trans.__('Retry')}
          </Button>
        </div>
      )}
      <ul className="jp-bookstore-versions">
        {versions.slice(0, shown).map(entry => (
          <VersionRow
            key={`${entry.scope}:${entry.versionId}`}
            entry={entry}
            path={path}
            commands={commands}
            trans={trans}
          />
        ))}
      </ul>
      {(shown < versions.length || loaded.cursor?.hasMore) && <div ref={sentinel} className="jp-bookstore-more" />}
    </div>
  );
}

function VersionRow(props: {
  entry: IHistoryEntry;
  path: string;
  commands: CommandRegistry;
  trans: TranslationBundle;
}): JSX.Element {
  const { entry, path, commands, trans } = props;
  const args = { path, scope: entry.scope, versionId: entry.versionId };
  const action = (id: string, label: string) => (
    <Button small minimal onClick={() => void commands.execute(id, args)} title={commands.caption(id)}>
      {label}
    </Button>
  );
  return (
    <li className="jp-bookstore-version" data-scope={entry.scope} data-version-id={entry.versionId}>
      <div className="jp-bookstore-version-line">
        <span className="jp-bookstore-version-time" title={exactTime(entry.lastModified)}>
          {relativeTime(entry.lastModified)}
        </span>
        <span className="jp-bookstore-version-exact">{exactTime(entry.lastModified)}</span>
        {!entry.isDeleteMarker && <span className="jp-bookstore-version-size">{formatSize(entry.size)}</span>}
        {entry.isLatest && entry.scope === 'workspace' && (
          <span className="jp-bookstore-badge jp-mod-latest">{trans.__('latest')}</span>
        )}
        {entry.scope === 'published' && (
          <span className="jp-bookstore-badge jp-mod-published">{trans.__('published')}</span>
        )}
        {entry.isDeleteMarker && <span className="jp-bookstore-badge">{trans.__('deleted')}</span>}
      </div>
      {!entry.isDeleteMarker && (
        <div className="jp-bookstore-version-actions">
          {action(CommandIDs.openVersion, trans.__('Open'))}
          {action(CommandIDs.compareVersion, trans.__('Compare'))}
          {action(CommandIDs.restoreVersion, trans.__('Restore'))}
          {action(CommandIDs.cloneVersion, trans.__('Clone'))}
          {action(CommandIDs.copyUri, trans.__('Copy URI'))}
          {action(CommandIDs.copyVersionId, trans.__('Copy id'))}
          {action(CommandIDs.copyCloneLink, trans.__('Copy link'))}
        </div>
      )}
    </li>
  );
}

export class HistoryPanel extends ReactWidget {
  constructor(private readonly props: IProps) {
    super();
    this.id = 'jp-bookstore-history';
    this.addClass('jp-bookstore-history');
    this.title.icon = historyIcon;
    this.title.caption = props.trans.__('Notebook versions (Bookstore)');
  }

  protected render(): JSX.Element {
    return <History {...this.props} />;
  }
}
