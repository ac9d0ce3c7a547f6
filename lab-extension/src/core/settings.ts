/**
 * The extension's settings: read from the settings registry with defaults, and turned into the
 * client settings the wasm backend takes. No JupyterLab imports, so it is unit-tested directly.
 */
import type { Settings as ClientSettings } from '../wasm/bookstore';

/** Where the S3 credentials come from. */
export type CredentialsMode = 'settings' | 'session';

/**
 * The settings of schema/plugin.json: the client's (their type generated from the crate's `Settings`,
 * each present once read) and the extension's own. Their defaults are the schema's
 * (`defaults.spec.ts` checks that `DEFAULT_SETTINGS` matches it).
 */
export interface IBookstoreSettings extends Required<ClientSettings> {
  archiveOnSave: boolean;
  checkOnStartup: boolean;
  credentialsMode: CredentialsMode;
}

/** Credentials typed into the "this browser session only" dialog; kept in memory only. */
export interface ISessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export const DEFAULT_SETTINGS: IBookstoreSettings = {
  endpoint: '',
  region: 'us-east-1',
  bucket: '',
  pathStyle: false,
  workspacePrefix: 'workspace',
  publishedPrefix: 'published',
  user: '',
  archiveOnSave: true,
  checkOnStartup: true,
  credentialsMode: 'settings',
  accessKeyId: '',
  secretAccessKey: '',
  sessionToken: '',
  maxNotebookMegabytes: 100,
  requestTimeoutSeconds: 30
};

/** Reads a composite settings object; values of the wrong type fall back to the defaults. */
export function readSettings(composite: { [key: string]: unknown }): IBookstoreSettings {
  const result: { [key: string]: unknown } = { ...DEFAULT_SETTINGS };
  for (const [key, fallback] of Object.entries(DEFAULT_SETTINGS)) {
    const value = composite[key];
    if (typeof value === typeof fallback) {
      result[key] = typeof value === 'string' ? value.trim() : value;
    }
  }
  if (result.credentialsMode !== 'session') {
    result.credentialsMode = 'settings';
  }
  return result as unknown as IBookstoreSettings;
}

/** Why the backend cannot be used yet, or null when it can. */
export type Missing = 'bucket' | 'credentials' | null;

export function missing(settings: IBookstoreSettings, session: ISessionCredentials | null): Missing {
  if (!settings.bucket) {
    return 'bucket';
  }
  const credentials = settings.credentialsMode === 'session' ? session : settings;
  if (!credentials || !credentials.accessKeyId || !credentials.secretAccessKey) {
    return 'credentials';
  }
  return null;
}

/**
 * The settings for the wasm client. In "session" mode the credentials come only from `session`;
 * whatever the settings file holds is ignored, so it can stay empty.
 */
export function clientSettings(settings: IBookstoreSettings, session: ISessionCredentials | null): ClientSettings {
  const credentials = settings.credentialsMode === 'session' ? session : settings;
  return {
    endpoint: settings.endpoint,
    region: settings.region,
    bucket: settings.bucket,
    pathStyle: settings.pathStyle,
    workspacePrefix: settings.workspacePrefix,
    publishedPrefix: settings.publishedPrefix,
    user: settings.user,
    accessKeyId: credentials?.accessKeyId ?? '',
    secretAccessKey: credentials?.secretAccessKey ?? '',
    sessionToken: credentials?.sessionToken ?? '',
    maxNotebookMegabytes: Math.max(1, Math.floor(settings.maxNotebookMegabytes)),
    requestTimeoutSeconds: Math.max(1, Math.floor(settings.requestTimeoutSeconds))
  };
}
