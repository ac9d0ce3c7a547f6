/**
 * Renames: a notebook renamed or moved in JupyterLab keeps its history. Each rename is recorded in S3,
 * kept and retried like a save: after the saves made under the old name (the record closes that part
 * of the history) and before the new name's next saves. The history panel goes on with the versions
 * saved under the old name, after a reload and for every collaborator. Renaming a folder moves its
 * notebooks without a record: their histories stay under the old paths.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { ITranslator } from '@jupyterlab/translation';

import { describeError } from '../core/messages';
import { translations } from '../core/trans';
import { IBookstore } from '../tokens';

const isNotebook = (path: string | undefined): path is string => !!path && path.endsWith('.ipynb');

export const renamePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-bookstore:rename',
  description: "Keeps a renamed or moved notebook's history: records each rename in S3.",
  autoStart: true,
  requires: [IBookstore],
  optional: [ITranslator],
  activate: (app: JupyterFrontEnd, bookstore: IBookstore, translator: ITranslator | null) => {
    const trans = translations(translator);
    app.serviceManager.contents.fileChanged.connect((_, change) => {
      const [from, to] = [change.oldValue?.path, change.newValue?.path];
      if (change.type !== 'rename' || !isNotebook(from) || !isNotebook(to)) {
        return;
      }
      bookstore.loaded
        .then(async () => {
          if (bookstore.settings.archiveOnSave && bookstore.missing !== 'bucket') {
            await bookstore.recordRename(from, to);
          }
        })
        .catch(error =>
          Notification.error(
            trans.__('The history of %1 could not follow it to %2: %3', from, to, describeError(error, trans))
          )
        );
    });
  }
};
