/**
 * The core plugin: builds the shared state from the user's settings and provides it as `IBookstore`,
 * which every feature plugin requires. It keeps the extension's plugin id, so its settings schema
 * (schema/plugin.json) is the one users know.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator } from '@jupyterlab/translation';

import { IBookstore, PLUGIN_ID } from '../tokens';
import { translations } from './trans';
import { describeError } from './messages';
import { BookstoreModel } from './model';
import { readSettings } from './settings';

export const corePlugin: JupyterFrontEndPlugin<IBookstore> = {
  id: PLUGIN_ID,
  description: 'Notebook versions on S3: the S3 client for the user settings and the archive queue.',
  autoStart: true,
  provides: IBookstore,
  requires: [ISettingRegistry],
  optional: [ITranslator],
  activate: (app: JupyterFrontEnd, settingRegistry: ISettingRegistry, translator: ITranslator | null): IBookstore => {
    const trans = translations(translator);
    const model = new BookstoreModel(app.serviceManager.contents, {
      notConfigured: what =>
        what === 'bucket'
          ? trans.__('Bookstore has no bucket configured. Set one in Settings, Bookstore.')
          : trans.__(
              'Bookstore has no S3 credentials. Enter them in Settings, Bookstore, or for this session only with "Enter S3 credentials for this session".'
            ),
      describe: error => describeError(error, trans)
    });
    Promise.all([app.restored, settingRegistry.load(PLUGIN_ID)])
      .then(([, setting]) => {
        const apply = () => model.configure(readSettings(setting.composite));
        apply();
        setting.changed.connect(apply);
      })
      .catch(error =>
        Notification.error(trans.__('Bookstore could not load its settings: %1', describeError(error, trans)))
      );
    return model;
  }
};
