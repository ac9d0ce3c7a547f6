/** Clone links: `<app page>?bookstore-clone=s3://bucket/key?versionId=…`, shared to let others clone a version. */
import { PageConfig, URLExt } from '@jupyterlab/coreutils';

import { CLONE_LINK_PARAM } from '../tokens';

/** The clone link of `uri` (`s3://bucket/key`, with `?versionId=…` or not) on this app's own page. */
export function cloneLink(uri: string): string {
  // The app's own page: /lab in JupyterLab, /tree in Notebook 7, lab/ in a JupyterLite site.
  const page = URLExt.join(PageConfig.getBaseUrl(), PageConfig.getOption('appUrl') || 'lab');
  return `${page}?${CLONE_LINK_PARAM}=${encodeURIComponent(uri)}`;
}
