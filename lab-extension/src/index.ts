/**
 * Bookstore for JupyterLab: archives every notebook save to S3, lists, previews, compares and restores
 * versions, clones and publishes. Everything runs in the browser; S3 calls go through the crate's wasm
 * client in a Web Worker (core/backend.ts). One plugin per feature, around the `IBookstore` token that
 * the core plugin provides (tokens.ts); other extensions can require it too.
 */
import { archivePlugin } from './archive/plugin';
import { bucketPlugin } from './bucket/plugin';
import { clonePlugin } from './clone/plugin';
import { corePlugin } from './core/plugin';
import { historyPlugin } from './history/plugin';
import { publishPlugin } from './publish/plugin';
import { renamePlugin } from './rename/plugin';
import { settingsFormPlugin } from './settings/plugin';
import { statusBarPlugin } from './statusbar/plugin';

export { IBookstore } from './tokens';
export type { IUploadFailure, IVersionsChanged } from './tokens';
export { describeError } from './core/messages';

export default [
  corePlugin,
  archivePlugin,
  historyPlugin,
  publishPlugin,
  clonePlugin,
  statusBarPlugin,
  bucketPlugin,
  renamePlugin,
  settingsFormPlugin
];
