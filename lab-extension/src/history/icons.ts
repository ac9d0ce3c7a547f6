/** The history feature's icons, in JupyterLab's icon style (theme-aware through the jp-icon3 class). */
import { LabIcon } from '@jupyterlab/ui-components';

/** The history panel's tab, and a version's preview (a clock turning back). */
export const historyIcon = new LabIcon({
  name: 'bookstore:history',
  svgstr:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path class="jp-icon3" fill="#616161" d="M13 3a9 9 0 0 0-9 9H1l3.9 3.9L9 12H6a7 7 0 1 1 2.05 4.95l-1.42 1.42A9 9 0 1 0 13 3zm-1 5v5l4.25 2.52.77-1.28-3.52-2.09V8z"/></svg>'
});

/** A comparison of two versions (two pages side by side). */
export const compareIcon = new LabIcon({
  name: 'bookstore:compare',
  svgstr:
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path class="jp-icon3" fill="#616161" d="M3 4h7v16H3zm2 2v12h3V6zm9-2h7v16h-7zm2 2v12h3V6zM11 11h2v2h-2z"/></svg>'
});
