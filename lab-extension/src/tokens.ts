/** Identifiers shared across the extension. */

export const PLUGIN_ID = 'jupyterlab-bookstore:plugin';

/** The translation domain of every label. */
export const TRANSLATION_DOMAIN = 'jupyterlab_bookstore';

export namespace CommandIDs {
  export const publish = 'bookstore:publish';
  export const clone = 'bookstore:clone';
  export const browsePublished = 'bookstore:browse-published';
  export const checkBucket = 'bookstore:check-bucket';
  export const enterCredentials = 'bookstore:enter-credentials';
  export const retryUploads = 'bookstore:retry-uploads';
  export const pendingUploads = 'bookstore:pending-uploads';
  export const openVersion = 'bookstore:open-version';
  export const compareVersion = 'bookstore:compare-version';
  export const restoreVersion = 'bookstore:restore-version';
  export const cloneVersion = 'bookstore:clone-version';
  export const copyUri = 'bookstore:copy-uri';
  export const copyVersionId = 'bookstore:copy-version-id';
  export const copyCloneLink = 'bookstore:copy-clone-link';
  export const showHistory = 'bookstore:show-history';
}

/** The query parameter of clone links: `<lab url>?bookstore-clone=s3://bucket/key`. */
export const CLONE_LINK_PARAM = 'bookstore-clone';

/** Arguments of the per-version commands. */
export interface IVersionArgs {
  path: string;
  scope: 'workspace' | 'published';
  versionId: string;
  [key: string]: string;
}
