/**
 * The version history side panel: follows the current notebook and lists its workspace and published
 * versions, newest first, with actions for each (VersionList.tsx). Long histories render a page at a
 * time as the list scrolls, so 10,000 versions stay smooth.
 */
import { INotebookTracker } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { Button, ReactWidget, refreshIcon, ToolbarButtonComponent } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import React, { useEffect, useRef, useState } from 'react';

import { IBookstore } from '../tokens';
import { historyIcon } from './icons';
import { VersionList } from './VersionList';
import { useCurrentPath, useTicking, useVersions } from './useVersions';

/** JupyterLab's Settings Editor, where a listing that failed because of the settings is fixed. */
const OPEN_SETTINGS = 'settingeditor:open';

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
  // Shows only the versions whose name holds this text (any case).
  const [filter, setFilter] = useState('');

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
  const wanted = filter.trim().toLocaleLowerCase();
  const versions = wanted ? loaded.entries.filter(v => v.name?.toLocaleLowerCase().includes(wanted)) : loaded.entries;
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
      <input
        type="search"
        className="jp-bookstore-history-filter jp-mod-styled"
        placeholder={trans.__('Filter by version name')}
        aria-label={trans.__('Filter versions by name')}
        value={filter}
        onChange={event => setFilter(event.target.value)}
      />
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
              ? trans.__('The list could not be refreshed and may be out of date: %1', loaded.error.message)
              : trans.__('The versions could not be listed: %1', loaded.error.message)}
          </div>
          <Button small onClick={() => load()} className="jp-bookstore-retry">
            {trans.__('Retry')}
          </Button>
          {loaded.error.inSettings && commands.hasCommand(OPEN_SETTINGS) && (
            <Button small onClick={() => commands.execute(OPEN_SETTINGS, { query: 'Bookstore' })}>
              {trans.__('Open Bookstore settings')}
            </Button>
          )}
        </div>
      )}
      <VersionList entries={versions.slice(0, shown)} path={path} commands={commands} trans={trans} />
      {(shown < versions.length || loaded.cursor?.hasMore) && <div ref={sentinel} className="jp-bookstore-more" />}
    </div>
  );
}

export class HistoryPanel extends ReactWidget {
  constructor(private readonly props: IProps) {
    super();
    this.id = 'jp-bookstore-history';
    this.addClass('jp-bookstore-history');
    this.node.tabIndex = -1;
    this.title.icon = historyIcon;
    this.title.caption = props.trans.__('Notebook versions (Bookstore)');
  }

  /** Puts the keyboard on the list's current version (on the panel while nothing is listed). */
  focusList(): void {
    const row = this.node.querySelector<HTMLElement>('[role="option"][tabindex="0"]');
    (row ?? this.node).focus();
  }

  protected render(): JSX.Element {
    return <History {...this.props} />;
  }
}
