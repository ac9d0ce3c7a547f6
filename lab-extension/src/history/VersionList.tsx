/**
 * The list of versions, usable from the keyboard as a listbox: one Tab stop, arrow keys (Home, End)
 * between versions, Enter to open a preview, Space to select it for a comparison of two versions, and
 * the actions in a context menu (right click, Shift+F10 or the menu key). A row is one line (time,
 * size, badges, name); only the selected row shows its action buttons, so a long list stays calm. Each
 * row and action says which version it is about.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import { Menu } from '@lumino/widgets';
import React, { useEffect, useRef, useState } from 'react';

import { exactTime, relativeTime } from '../core/time';
import { CommandIDs } from '../tokens';
import { formatSize } from './format';
import { IHistoryEntry } from './history';

/** The actions of a version, in menu order; the buttons of a row show short labels of the same. */
const ACTIONS = [
  CommandIDs.openVersion,
  // Only for a version a scheduled run wrote.
  CommandIDs.openRunSource,
  CommandIDs.compareVersion,
  CommandIDs.nameVersion,
  CommandIDs.restoreVersion,
  CommandIDs.cloneVersion,
  CommandIDs.copyUri,
  CommandIDs.copyVersionId,
  CommandIDs.copyCloneLink
];

interface IListProps {
  entries: IHistoryEntry[];
  path: string;
  commands: CommandRegistry;
  trans: TranslationBundle;
}

export function VersionList({ entries, path, commands, trans }: IListProps): JSX.Element {
  const [active, setActive] = useState(0);
  // Up to two versions selected for a comparison (keys of `keyOf`), the latest selection last.
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (entry: IHistoryEntry) =>
    setSelected(now =>
      now.includes(keyOf(entry)) ? now.filter(k => k !== keyOf(entry)) : [...now, keyOf(entry)].slice(-2)
    );
  const pair = entries.filter(entry => selected.includes(keyOf(entry)) && !entry.isDeleteMarker);
  const list = useRef<HTMLUListElement>(null);
  const current = Math.min(active, Math.max(entries.length - 1, 0));
  const rowAt = (i: number) => list.current?.querySelectorAll<HTMLElement>('[role="option"]')[i];
  // Focus follows the active row once it is drawn (after a key moved it).
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) {
      rowAt(current)?.focus();
      moved.current = false;
    }
  });

  // The commands' IVersionArgs, as JSON: `storedAs` only for a version saved under an earlier name.
  const argsOf = (entry: IHistoryEntry): Record<string, string> => {
    const args: Record<string, string> = { path, scope: entry.scope, versionId: entry.versionId };
    if (entry.path !== path) {
      args.storedAs = entry.path;
    }
    if (entry.ranFrom) {
      args.ranFrom = entry.ranFrom;
    }
    if (entry.name) {
      args.name = entry.name;
    }
    return args;
  };
  const openMenu = (i: number, x: number, y: number) => {
    const entry = entries[i];
    if (!entry || entry.isDeleteMarker) {
      return;
    }
    const menu = new Menu({ commands });
    menu.addClass('jp-bookstore-version-menu');
    // Only a scheduled run's version has a source to open; only a workspace version takes a name.
    const shown = (command: string) =>
      (command !== CommandIDs.openRunSource || entry.ranFrom) &&
      (command !== CommandIDs.nameVersion || entry.scope === 'workspace');
    ACTIONS.filter(shown).forEach(command => menu.addItem({ command, args: argsOf(entry) }));
    menu.aboutToClose.connect(() => rowAt(i)?.focus());
    menu.open(x, y);
    // Opened from the keyboard, the first action is ready for Enter.
    menu.activeIndex = 0;
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const last = entries.length - 1;
    const to = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: last }[event.key];
    if (to !== undefined) {
      event.preventDefault();
      moved.current = true;
      setActive(Math.max(0, Math.min(last, to)));
    } else if (event.key === ' ' && entries[current] && !entries[current].isDeleteMarker) {
      event.preventDefault();
      toggle(entries[current]);
    } else if (event.key === 'Enter' && entries[current] && !entries[current].isDeleteMarker) {
      event.preventDefault();
      void commands.execute(CommandIDs.openVersion, argsOf(entries[current]));
    } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      const box = rowAt(current)?.getBoundingClientRect();
      openMenu(current, box?.left ?? 0, box?.bottom ?? 0);
    }
  };

  // The list is newest first: the older of the two is the comparison's base (its left side).
  const compareSelected = () => {
    const [newer, older] = pair;
    const args = { ...argsOf(older), againstVersionId: newer.versionId, againstScope: newer.scope };
    if (newer.path !== path) {
      Object.assign(args, { againstStoredAs: newer.path });
    }
    void commands.execute(CommandIDs.compareVersions, args);
  };

  return (
    <>
      {pair.length === 2 && (
        <div className="jp-bookstore-compare-selected">
          <Button small onClick={compareSelected}>
            {commands.label(CommandIDs.compareVersions)}
          </Button>
          <Button small minimal onClick={() => setSelected([])}>
            {trans.__('Clear selection')}
          </Button>
        </div>
      )}
      <ul
        ref={list}
        className="jp-bookstore-versions"
        role="listbox"
        aria-label={trans.__('Versions of %1', path)}
        onKeyDown={onKeyDown}
      >
        {entries.map((entry, i) => (
          <VersionRow
            key={`${entry.scope}:${entry.versionId}`}
            entry={entry}
            active={i === current}
            onFocus={() => setActive(i)}
            onContextMenu={event => {
              event.preventDefault();
              setActive(i);
              openMenu(i, event.clientX, event.clientY);
            }}
            run={command => void commands.execute(command, argsOf(entry))}
            selected={selected.includes(keyOf(entry))}
            onSelect={() => toggle(entry)}
            earlierName={entry.path === path ? null : entry.path}
            restoredFrom={restoredFromTime(entry, entries)}
            caption={command => commands.caption(command)}
            trans={trans}
          />
        ))}
      </ul>
    </>
  );
}

function keyOf(entry: IHistoryEntry): string {
  return `${entry.scope}:${entry.versionId}`;
}

interface IRowProps {
  entry: IHistoryEntry;
  /** The name the notebook had when this version was saved, if it was renamed since. */
  earlierName: string | null;
  /** When this version was stored by a restore: the restored version's time ('' when not listed). */
  restoredFrom: string | null;
  active: boolean;
  onFocus: () => void;
  onContextMenu: (event: React.MouseEvent) => void;
  run: (command: string) => void;
  /** Selected for a comparison. */
  selected: boolean;
  onSelect: () => void;
  caption: (command: string) => string;
  trans: TranslationBundle;
}

/** What a screen reader says of a row: when, how big, under which earlier name, and its badges. */
function rowLabel(entry: IHistoryEntry, earlierName: string | null, trans: TranslationBundle): string {
  const when = exactTime(entry.lastModified);
  const parts = [
    entry.name ? trans.__('named %1', entry.name) : '',
    entry.isDeleteMarker
      ? trans.__('Deleted %1', when)
      : entry.scope === 'published'
        ? trans.__('Published version of %1', when)
        : trans.__('Version of %1', when),
    entry.isDeleteMarker ? '' : formatSize(entry.size),
    earlierName ? trans.__('saved as %1', earlierName) : '',
    entry.isLatest && entry.scope === 'workspace' ? trans.__('latest') : '',
    entry.ranFrom ? trans.__('written by a scheduled run of %1', runSourceName(entry.ranFrom)) : ''
  ];
  return parts.filter(Boolean).join(', ');
}

/** The file name of the notebook a scheduled run ran, from its `s3://bucket/key?versionId=…`. */
export function runSourceName(uri: string): string {
  const query = uri.lastIndexOf('?versionId=');
  const location = query >= 0 ? uri.slice(0, query) : uri;
  return location.slice(location.lastIndexOf('/') + 1);
}

/** The time of the version `entry` restored; '' when that version is not listed, null for no restore. */
function restoredFromTime(entry: IHistoryEntry, entries: IHistoryEntry[]): string | null {
  if (!entry.restoredFrom) {
    return null;
  }
  const from = entries.find(other => other.versionId === entry.restoredFrom);
  return from ? exactTime(from.lastModified) : '';
}

function VersionRow({
  entry,
  earlierName,
  restoredFrom,
  active,
  onFocus,
  onContextMenu,
  run,
  selected,
  onSelect,
  caption,
  trans
}: IRowProps): JSX.Element {
  const when = exactTime(entry.lastModified);
  // Short labels on the buttons; their accessible names start with the same words and say which version.
  // They are not Tab stops: the row's menu reaches them from the keyboard.
  const action = (command: string, label: string, name: string) => (
    <Button
      small
      minimal
      tabIndex={-1}
      // A press leaves the focus where it is: moving it into the panel scrolled the list under the
      // pointer, and the click then landed on another button, or none (the first click was lost).
      onMouseDown={event => event.preventDefault()}
      onClick={() => run(command)}
      title={caption(command)}
      aria-label={name}
    >
      {label}
    </Button>
  );
  return (
    <li
      className="jp-bookstore-version"
      role="option"
      aria-selected={active}
      aria-label={rowLabel(entry, earlierName, trans)}
      tabIndex={active ? 0 : -1}
      onFocus={onFocus}
      onContextMenu={onContextMenu}
      data-scope={entry.scope}
      data-version-id={entry.versionId}
    >
      <div className="jp-bookstore-version-line">
        {!entry.isDeleteMarker && (
          <input
            type="checkbox"
            className="jp-bookstore-version-select"
            tabIndex={-1}
            // As the buttons: ticking a row does not select it, which would move the rows under the pointer.
            onMouseDown={event => event.preventDefault()}
            checked={selected}
            onChange={onSelect}
            title={trans.__('Select to compare with another selected version')}
            aria-label={trans.__('Select the version of %1 to compare', when)}
          />
        )}
        <span className="jp-bookstore-version-time" title={when}>
          {relativeTime(entry.lastModified)}
        </span>
        {!entry.isDeleteMarker && <span className="jp-bookstore-version-size">{formatSize(entry.size)}</span>}
        {entry.isLatest && entry.scope === 'workspace' && (
          <span className="jp-bookstore-badge jp-mod-latest">{trans.__('latest')}</span>
        )}
        {entry.scope === 'published' && (
          <span className="jp-bookstore-badge jp-mod-published">{trans.__('published')}</span>
        )}
        {entry.isDeleteMarker && <span className="jp-bookstore-badge">{trans.__('deleted')}</span>}
        {entry.name && (
          <span className="jp-bookstore-version-name" title={entry.name}>
            {entry.name}
          </span>
        )}
      </div>
      {restoredFrom !== null && (
        <div className="jp-bookstore-version-restored">
          {restoredFrom ? trans.__('restored from %1', restoredFrom) : trans.__('restored from an earlier version')}
        </div>
      )}
      {entry.ranFrom && (
        <div className="jp-bookstore-version-run" title={entry.ranFrom}>
          {trans.__('scheduled run of %1', runSourceName(entry.ranFrom))}
        </div>
      )}
      {earlierName && (
        <div className="jp-bookstore-version-renamed" title={earlierName}>
          {trans.__('saved as %1', earlierName)}
        </div>
      )}
      <div className="jp-bookstore-version-exact">{when}</div>
      {!entry.isDeleteMarker && (
        <div className="jp-bookstore-version-actions">
          {action(CommandIDs.openVersion, trans.__('Open'), trans.__('Open the version of %1', when))}
          {entry.ranFrom &&
            action(CommandIDs.openRunSource, trans.__('Source'), trans.__('Open the notebook the run of %1 ran', when))}
          {action(CommandIDs.compareVersion, trans.__('Compare'), trans.__('Compare the version of %1', when))}
          {entry.scope === 'workspace' &&
            action(CommandIDs.nameVersion, trans.__('Name'), trans.__('Name the version of %1', when))}
          {action(CommandIDs.restoreVersion, trans.__('Restore'), trans.__('Restore the version of %1', when))}
          {action(CommandIDs.cloneVersion, trans.__('Clone'), trans.__('Clone the version of %1', when))}
          {action(CommandIDs.copyUri, trans.__('Copy URI'), trans.__('Copy URI of the version of %1', when))}
          {action(CommandIDs.copyVersionId, trans.__('Copy id'), trans.__('Copy id of the version of %1', when))}
          {action(CommandIDs.copyCloneLink, trans.__('Copy link'), trans.__('Copy link of the version of %1', when))}
        </div>
      )}
    </li>
  );
}
