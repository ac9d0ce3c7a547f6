/**
 * The extension's settings: read from the settings registry with defaults, and turned into the
 * client settings the wasm backend takes. No JupyterLab imports, so it is unit-tested directly.
 */
import type { Settings as ClientSettings } from '../wasm/bookstore';

/** Where the S3 credentials come from. */
export type CredentialsMode = 'settings' | 'session' | 'url' | 'web-identity';
const CREDENTIALS_MODES: CredentialsMode[] = ['settings', 'session', 'url', 'web-identity'];

/**
 * The settings of schema/plugin.json: the client's (their type generated from the crate's `Settings`,
 * each present once read) and the extension's own. Their defaults are the schema's
 * (`defaults.spec.ts` checks that `DEFAULT_SETTINGS` matches it).
 */
export interface IBookstoreSettings extends Required<ClientSettings> {
  archiveOnSave: boolean;
  autoVersionMinutes: number;
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
  tagVersions: false,
  workspacePrefix: 'workspace',
  publishedPrefix: 'published',
  user: '',
  archiveOnSave: true,
  autoVersionMinutes: 10,
  checkOnStartup: true,
  credentialsMode: 'settings',
  accessKeyId: '',
  secretAccessKey: '',
  sessionToken: '',
  credentialsUrl: '',
  credentialsAuthorization: '',
  roleArn: '',
  webIdentityTokenUrl: '',
  stsEndpoint: '',
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
  if (!CREDENTIALS_MODES.includes(result.credentialsMode as CredentialsMode)) {
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
  if (settings.credentialsMode === 'url') {
    return settings.credentialsUrl ? null : 'credentials';
  }
  if (settings.credentialsMode === 'web-identity') {
    return settings.roleArn && settings.webIdentityTokenUrl ? null : 'credentials';
  }
  const credentials = settings.credentialsMode === 'session' ? session : settings;
  if (!credentials || !credentials.accessKeyId || !credentials.secretAccessKey) {
    return 'credentials';
  }
  return null;
}

/**
 * The settings for the wasm client. In "session" mode the credentials come only from `session`, in
 * "url" mode only from the credentials URL, in "web-identity" mode only from STS for the role and
 * token (URLs made absolute against `base`, this JupyterLab's URL, as the worker has no page URL of
 * its own); whatever else the settings file holds is ignored.
 */
export function clientSettings(
  settings: IBookstoreSettings,
  session: ISessionCredentials | null,
  base = 'http://localhost/'
): ClientSettings {
  const mode = settings.credentialsMode;
  const fromUrl = mode === 'url';
  const fromSts = mode === 'web-identity';
  const credentials = fromUrl || fromSts ? null : mode === 'session' ? session : settings;
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
    credentialsUrl: fromUrl ? absolute(settings.credentialsUrl, base) : '',
    credentialsAuthorization: fromUrl ? settings.credentialsAuthorization : '',
    roleArn: fromSts ? settings.roleArn : '',
    webIdentityTokenUrl: fromSts ? absolute(settings.webIdentityTokenUrl, base) : '',
    stsEndpoint: fromSts ? settings.stsEndpoint : '',
    maxNotebookMegabytes: Math.max(1, Math.floor(settings.maxNotebookMegabytes)),
    requestTimeoutSeconds: Math.max(1, Math.floor(settings.requestTimeoutSeconds)),
    tagVersions: settings.tagVersions
  };
}

/** `url` resolved against `base`; left as it is when it cannot be (the crate then names the setting). */
function absolute(url: string, base: string): string {
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}
