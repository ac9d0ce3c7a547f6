import { readFileSync } from 'fs';
import { join } from 'path';

import { nullTranslator } from '@jupyterlab/translation';

import { NotConfiguredError } from '../../tokens';
import { describeError, isSettingsProblem, reasonText } from '../messages';

/** Every sentence of the crate, in English, with the fields the wasm sends (crate/src/error/tests.rs). */
interface IEntry {
  code: string;
  reason: string;
  fields: Record<string, string | number>;
  s3: { status: number; s3Code: string | null; s3Message: string | null; requestId: string | null } | null;
  english: string;
}

const catalog: IEntry[] = JSON.parse(readFileSync(join(__dirname, '../../../../crate/src/error/catalog.json'), 'utf8'));
const trans = nullTranslator.load('jupyterlab_bookstore');

/** The error as the worker hands it to the page (see wasm.rs `to_js_error`). */
function thrown(entry: IEntry): Error {
  const s3 = Object.fromEntries(Object.entries(entry.s3 ?? {}).filter(([, value]) => value !== null));
  return Object.assign(new Error(entry.reason), {
    name: 'BookstoreError',
    code: entry.code,
    reason: entry.reason,
    fields: entry.fields,
    ...s3
  });
}

describe('backend errors', () => {
  it('cover every reason of the crate', () => {
    expect(new Set(catalog.map(entry => entry.reason)).size).toBeGreaterThanOrEqual(25);
  });

  it.each(catalog.map(entry => [`${entry.reason} ${JSON.stringify(entry.fields)}`, entry]))(
    'say %s as the crate does',
    (_, entry) => {
      expect(describeError(thrown(entry as IEntry), trans)).toBe((entry as IEntry).english);
    }
  );

  it('go through the translator', () => {
    const upper = { ...trans, __: (text: string, ...args: unknown[]) => trans.__(text.toUpperCase(), ...args) };
    const entry = catalog.find(e => e.reason === 'noSuchKey')!;
    expect(reasonText(thrown(entry) as never, upper as never)).toBe(
      'NOTHING IS STORED AT s3://notebooks/workspace/a.ipynb. CHECK THE PATH, OR SAVE THE NOTEBOOK FIRST.'
    );
  });

  it('leave any other error as it is', () => {
    expect(describeError(new TypeError('Failed to fetch'), trans)).toBe('Failed to fetch');
    expect(describeError('text', trans)).toBe('text');
  });
});

describe('isSettingsProblem', () => {
  const byCode = (code: string) => thrown(catalog.find(entry => entry.code === code)!);

  it('leads to the settings for what they fix: credentials, bucket, region, endpoint, nothing configured', () => {
    for (const code of ['CredentialsRefused', 'CredentialsUnavailable', 'NoSuchBucket', 'WrongRegion', 'Network']) {
      expect([code, isSettingsProblem(byCode(code))]).toEqual([code, true]);
    }
    expect(isSettingsProblem(new NotConfiguredError('bucket', 'no bucket'))).toBe(true);
  });

  it('not for what the settings cannot fix', () => {
    for (const code of ['AccessDenied', 'NoSuchKey', 'Throttled', 'ServerError', 'VersioningOff', 'TooLarge']) {
      expect([code, isSettingsProblem(byCode(code))]).toEqual([code, false]);
    }
    expect(isSettingsProblem(new TypeError('Failed to fetch'))).toBe(false);
  });
});
