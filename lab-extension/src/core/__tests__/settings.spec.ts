import { DEFAULT_SETTINGS, clientSettings, missing, readSettings } from '../settings';

describe('settings', () => {
  it('falls back to defaults for missing or mistyped values and trims strings', () => {
    const s = readSettings({ bucket: ' notebooks ', pathStyle: 'yes', archiveOnSave: false, credentialsMode: 'x' });
    expect(s.bucket).toBe('notebooks');
    expect(s.pathStyle).toBe(DEFAULT_SETTINGS.pathStyle);
    expect(s.archiveOnSave).toBe(false);
    expect(s.credentialsMode).toBe('settings');
    expect(s.workspacePrefix).toBe('workspace');
  });

  it('passes the size limit and the request timeout as whole numbers of at least 1', () => {
    const client = clientSettings(readSettings({ maxNotebookMegabytes: 0.5, requestTimeoutSeconds: 2.7 }), null);
    expect(client.maxNotebookMegabytes).toBe(1);
    expect(client.requestTimeoutSeconds).toBe(2);
    expect(clientSettings(readSettings({}), null).requestTimeoutSeconds).toBe(30);
  });

  it('passes the switches on to the client: path-style addressing and tags for retention', () => {
    expect(clientSettings(readSettings({}), null)).toMatchObject({ pathStyle: false, tagVersions: false });
    const on = clientSettings(readSettings({ pathStyle: true, tagVersions: true }), null);
    expect(on).toMatchObject({ pathStyle: true, tagVersions: true });
  });

  it('says what is missing before any request', () => {
    const base = readSettings({ bucket: 'b', accessKeyId: 'AK', secretAccessKey: 'SK' });
    expect(missing(readSettings({}), null)).toBe('bucket');
    expect(missing(base, null)).toBeNull();
    expect(missing({ ...base, secretAccessKey: '' }, null)).toBe('credentials');
    const session = { ...base, credentialsMode: 'session' as const };
    expect(missing(session, null)).toBe('credentials');
    expect(missing(session, { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: '' })).toBeNull();
  });

  it('in session mode uses only the in-memory credentials', () => {
    const s = readSettings({
      bucket: 'b',
      credentialsMode: 'session',
      accessKeyId: 'FROM-FILE',
      secretAccessKey: 'FROM-FILE'
    });
    const client = clientSettings(s, { accessKeyId: 'MEM', secretAccessKey: 'MEM-SECRET', sessionToken: 'T' });
    expect(client).toMatchObject({ bucket: 'b', accessKeyId: 'MEM', secretAccessKey: 'MEM-SECRET', sessionToken: 'T' });
    expect(clientSettings(s, null)).toMatchObject({ accessKeyId: '', secretAccessKey: '' });
  });

  it('in url mode passes only the credentials URL, made absolute against the server base URL', () => {
    const s = readSettings({
      bucket: 'b',
      credentialsMode: 'url',
      credentialsUrl: ' bookstore/credentials ',
      credentialsAuthorization: 'Bearer X',
      accessKeyId: 'FROM-FILE',
      secretAccessKey: 'FROM-FILE'
    });
    expect(missing(s, null)).toBeNull();
    expect(missing({ ...s, credentialsUrl: '' }, null)).toBe('credentials');
    const client = clientSettings(s, null, 'https://hub.example.org/user/ada/');
    expect(client).toMatchObject({
      credentialsUrl: 'https://hub.example.org/user/ada/bookstore/credentials',
      credentialsAuthorization: 'Bearer X',
      accessKeyId: '',
      secretAccessKey: ''
    });
    expect(clientSettings({ ...s, credentialsMode: 'settings' }, null)).toMatchObject({
      credentialsUrl: '',
      credentialsAuthorization: '',
      accessKeyId: 'FROM-FILE'
    });
  });

  it('in web-identity mode passes only the role, the token URL (made absolute) and the STS endpoint', () => {
    const s = readSettings({
      bucket: 'b',
      credentialsMode: 'web-identity',
      roleArn: 'arn:aws:iam::1:role/notebooks',
      webIdentityTokenUrl: 'hub/token',
      credentialsUrl: 'bookstore/credentials',
      accessKeyId: 'FROM-FILE',
      secretAccessKey: 'FROM-FILE'
    });
    expect(missing(s, null)).toBeNull();
    expect(missing({ ...s, roleArn: '' }, null)).toBe('credentials');
    expect(missing({ ...s, webIdentityTokenUrl: '' }, null)).toBe('credentials');
    expect(clientSettings(s, null, 'https://hub.example.org/user/ada/')).toMatchObject({
      roleArn: 'arn:aws:iam::1:role/notebooks',
      webIdentityTokenUrl: 'https://hub.example.org/user/ada/hub/token',
      credentialsUrl: '',
      accessKeyId: '',
      secretAccessKey: ''
    });
    expect(clientSettings({ ...s, credentialsMode: 'settings' }, null)).toMatchObject({ roleArn: '' });
  });
});
