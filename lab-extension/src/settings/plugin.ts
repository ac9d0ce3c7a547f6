/**
 * The Settings Editor's form for Bookstore: the settings that hold a secret are masked (SecretField).
 * Only the form changes; the settings and their schema (schema/plugin.json) stay as they are.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ITranslator } from '@jupyterlab/translation';
import { IFormRendererRegistry } from '@jupyterlab/ui-components';

import { PLUGIN_ID } from '../tokens';
import { translations } from '../core/trans';
import { secretField } from './SecretField';

/** The settings whose values are secrets. */
export const SECRET_SETTINGS = ['secretAccessKey', 'sessionToken', 'credentialsAuthorization'] as const;

export const settingsFormPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-bookstore:settings-form',
  description: 'Masks the secrets in the Settings Editor form of Bookstore.',
  autoStart: true,
  optional: [IFormRendererRegistry, ITranslator],
  activate: (_app: JupyterFrontEnd, forms: IFormRendererRegistry | null, translator: ITranslator | null) => {
    if (!forms) {
      return;
    }
    const fieldRenderer = secretField(translations(translator));
    for (const setting of SECRET_SETTINGS) {
      forms.addRenderer(`${PLUGIN_ID}.${setting}`, { fieldRenderer });
    }
  }
};
