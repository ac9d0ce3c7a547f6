/**
 * The sentences of backend errors, translated. The crate sends a failure as a code, a `reason` and
 * its `fields` (no English is compiled into the wasm); this module says it in the user's language.
 * Each sentence is written here in a literal `trans.__` call, so translation tools can extract it;
 * crate/src/error/catalog.json holds every reason in English, and messages.spec.ts checks that each
 * renders here exactly as the crate's native build writes it.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import type { BookstoreError, ErrorReason } from './backend';

/** A field's value as the sentence shows it; numbers grouped by thousands, as the crate writes them. */
type Field = (name: string) => string;

const FLAWS: Record<string, (t: TranslationBundle) => string> = {
  empty: t => t.__('is empty'),
  absolute: t => t.__('is absolute; give a path relative to the Jupyter root'),
  backslash: t => t.__('contains a backslash'),
  controlCharacter: t => t.__('contains a control character'),
  driveLetter: t => t.__('starts with a drive letter; give a path relative to the Jupyter root'),
  emptySegment: t => t.__('contains an empty segment (`//` or a trailing `/`)'),
  dotSegment: t => t.__('contains a `.` or `..` segment'),
  notS3Link: t => t.__('is not an S3 link; write it as s3://bucket/folder/notebook.ipynb'),
  bucketEmpty: t => t.__('is empty; enter the name of the bucket that keeps the versions'),
  bucketLength: t => t.__('must be 3 to 63 characters long'),
  bucketCharacters: t => t.__('may only hold lowercase letters, digits, `.` and `-`'),
  bucketEnds: t => t.__('must start and end with a letter or digit'),
  bucketDoubleDot: t => t.__('must not contain `..`'),
  userMissing: t => t.__('uses {user} but the `user` setting is empty'),
  userSlash: t => t.__('contains `/`; use a name without slashes'),
  prefixEmpty: t => t.__('is empty; use a folder name such as `workspace`'),
  prefixesOverlap: t =>
    t.__('overlaps the workspace prefix; use two separate folders such as `workspace` and `published`'),
  regionCharacters: t => t.__('may only hold letters, digits and `-` (like `eu-west-1`)'),
  accessKeyEmpty: t => t.__('is empty; enter the access key id of your S3 account'),
  secretEmpty: t => t.__('is empty; enter the secret access key'),
  endpointNotUrl: t => t.__('is not a URL; write it like `https://s3.eu-west-1.amazonaws.com`'),
  endpointScheme: t => t.__('must be an http:// or https:// URL with a host name'),
  endpointExtras: t => t.__('must not contain a query, fragment or user name'),
  notObject: t => t.__('must be an object'),
  notText: t => t.__('must be text'),
  notBoolean: t => t.__('must be true or false'),
  notWholeMebibytes: t => t.__('must be a whole number of MiB'),
  notWholeSeconds: t => t.__('must be a whole number of seconds'),
  unknownScope: t => t.__('must be "workspace" or "published"'),
  tooLong: t => t.__("is over S3's limit of 1,024 bytes for a key"),
  credentialsUrlNotUrl: t =>
    t.__('is not an http:// or https:// URL; write it like `https://jupyter.example.org/bookstore/credentials`'),
  roleArnNotArn: t => t.__('is not a role ARN; write it like `arn:aws:iam::123456789012:role/notebooks`')
};

const enable = (t: TranslationBundle) =>
  t.__(
    "Enable it (S3 console: the bucket's Properties, Bucket Versioning; or `aws s3api put-bucket-versioning --bucket NAME --versioning-configuration Status=Enabled`)."
  );

const raiseLimit = (t: TranslationBundle) =>
  t.__('If you trust it, raise "maxNotebookMegabytes" in the Bookstore settings.');

const REASONS: Record<string, (t: TranslationBundle, f: Field) => string> = {
  setting: (t, f) => t.__('Setting `%1` %2. Fix it in the Bookstore settings.', f('field'), flaw(t, f('flaw'))),
  path: (t, f) => t.__('The path %1 %2. Rename the notebook or pick another path.', f('path'), flaw(t, f('flaw'))),
  pathTooLong: (t, f) =>
    t.__(
      "The path %1 is too long: its S3 key would be %2 bytes, over S3's limit of %3 bytes for a key. Rename the notebook or pick another path.",
      f('path'),
      f('bytes'),
      group(1024)
    ),
  keyTooLong: (t, f) =>
    t.__(
      "The key is %1 bytes long, over S3's limit of %2 bytes for a key, so no object can have it and nothing was requested. Check the link or key (%3); it may be damaged.",
      f('bytes'),
      group(1024),
      f('key')
    ),
  nameTooLong: (t, f) =>
    t.__(
      'A version name is a short label of at most %1 characters; this one has %2. Shorten it.',
      f('limit'),
      f('chars')
    ),
  network: (t, f) =>
    t.__(
      "Could not reach S3 at %1 (%2). Check the endpoint setting and the network. In a browser, also check that the bucket exists, that its CORS configuration allows this page's origin, and the credentials: S3 answers a missing bucket, and some servers (Ceph RGW) wrong credentials, without CORS headers, which a browser can only report as a network failure.",
      f('url'),
      f('cause')
    ),
  unreadable: (t, f) =>
    t.__(
      'Bucket "%1" does not exist at %2, or does not let this page read it (CORS). Check the bucket\'s name in the Bookstore settings, or create it; if it exists, add the CORS rule ("Check Bookstore bucket" shows it), or, on Ceph RGW, check the credentials. Saves wait and are archived once it works.',
      f('bucket'),
      f('url')
    ),
  timedOut: (t, f) =>
    t.__(
      'S3 at %1 did not answer within %2 s. Check the network; if S3 is just slow, raise "requestTimeoutSeconds" in the Bookstore settings.',
      f('url'),
      f('seconds')
    ),
  invalidResponse: (t, f) =>
    t.__(
      "S3 sent a response this client cannot read (%1). Check that the endpoint is an S3 server; if it is, report this with the server's name and version.",
      f('what')
    ),
  signingFailed: (t, f) =>
    t.__('Could not sign the request (%1). Check the endpoint, region and credentials settings.', f('cause')),
  noVersionId: (t, f) =>
    t.__(
      "S3 stored %1 but returned no version id, so each save would overwrite the last. Enable versioning on the bucket; in a browser, also expose the x-amz-version-id header in the bucket's CORS configuration.",
      f('key')
    ),
  versioningOff: t =>
    t.__('Versioning is not enabled on this bucket, so each save would overwrite the last. %1', enable(t)),
  versioningSuspended: t =>
    t.__('Versioning is suspended on this bucket, so new saves overwrite the latest version. %1', enable(t)),
  headersHidden: (t, f) =>
    t.__(
      'Add ETag and x-amz-version-id to ExposeHeaders in the CORS configuration of bucket %1: this page cannot read them, so it cannot tell which version a save became.',
      f('bucket')
    ),
  tooLarge: (t, f) =>
    t.__(
      '%1 is %2 MiB, over the %3 MiB limit for notebooks; nothing was read. %4',
      f('subject'),
      f('mebibytes'),
      f('limit'),
      raiseLimit(t)
    ),
  tooLargeUnread: (t, f) =>
    t.__(
      '%1 is larger, over the %2 MiB limit for notebooks; reading stopped there. %3',
      f('subject'),
      f('limit'),
      raiseLimit(t)
    ),
  clockSkew: t =>
    t.__(
      "This computer's clock is too far from S3's and the correction did not help. Set the clock right (enable automatic time) and try again."
    ),
  credentialsRefused: t =>
    t.__(
      'S3 refused the credentials. Check the access key id and secret (and the session token if you use temporary credentials) in the Bookstore settings.'
    ),
  credentialsUrlFailed: (t, f) =>
    t.__(
      'Could not get S3 credentials from %1 (%2). Saves wait and are archived once it answers; check the "credentialsUrl" setting and that the service runs.',
      f('url'),
      f('cause')
    ),
  credentialsUrlRefused: (t, f) =>
    t.__(
      'The credentials service at %1 refused this page (HTTP %2). Sign in again, or check the "credentialsAuthorization" setting.',
      f('url'),
      f('status')
    ),
  credentialsUrlInvalid: (t, f) =>
    t.__(
      'The credentials service at %1 answered something other than S3 credentials (JSON with AccessKeyId, SecretAccessKey, Token or SessionToken, Expiration). Check the "credentialsUrl" setting.',
      f('url')
    ),
  stsFailed: (t, f) =>
    t.__(
      'Could not get temporary S3 credentials from STS at %1 (%2). Saves wait and are archived once it answers; check the "stsEndpoint" setting.',
      f('url'),
      f('cause')
    ),
  stsRefused: (t, f) =>
    t.__(
      'STS at %1 refused temporary S3 credentials (%2). Check the "roleArn" setting and that the role trusts you; sign in again if your session has expired.',
      f('url'),
      f('answer')
    ),
  webIdentityTokenFailed: (t, f) =>
    t.__(
      'Could not get a web identity token from %1 (%2). Sign in again, or check the "webIdentityTokenUrl" setting.',
      f('url'),
      f('cause')
    ),
  noSuchBucket: (t, f) => t.__('The bucket of %1 does not exist. Check the bucket name, or create it.', f('subject')),
  wrongRegion: (t, f) =>
    t.__('The bucket of %1 is in another region. Set the region to "%2".', f('subject'), f('region')),
  wrongRegionUnnamed: (t, f) =>
    t.__("The bucket of %1 is in another region. Set the region to the bucket's region.", f('subject')),
  noSuchVersion: (t, f) =>
    t.__('There is no version %1. Refresh the version list; it may have been deleted.', f('subject')),
  noSuchKey: (t, f) => t.__('Nothing is stored at %1. Check the path, or save the notebook first.', f('subject')),
  accessDenied: (t, f) =>
    t.__(
      'S3 denied access to %1. Ask for a policy that allows this action on the workspace and published prefixes.',
      f('subject')
    ),
  throttled: t => t.__('S3 asks to slow down and kept doing so after several retries. Wait a minute and try again.'),
  serverError: t => t.__('S3 failed to answer and kept failing after several retries. Try again later.'),
  s3Refused: (t, f) => t.__("S3 refused the request for %1. See S3's message below for what to change.", f('subject'))
};

function flaw(t: TranslationBundle, id: string): string {
  return FLAWS[id]?.(t) ?? id;
}

function group(n: number): string {
  return n.toLocaleString('en-US');
}

/** The sentence for a reason the crate sent (an error, or a problem of the bucket check). */
export function reasonText(reason: ErrorReason, trans: TranslationBundle): string {
  const sentence = REASONS[reason.reason];
  if (!sentence) {
    // A crate newer than this file: say what is known rather than nothing.
    return `${reason.code}: ${reason.reason} ${JSON.stringify(reason.fields)}`;
  }
  const field: Field = name => {
    const value = reason.fields[name];
    return typeof value === 'number' ? group(value) : (value ?? '');
  };
  return sentence(trans, field);
}

/** What S3 itself said, after the sentence, as the crate's native build writes it. */
function s3Said(error: BookstoreError, trans: TranslationBundle): string {
  if (error.status === undefined) {
    return '';
  }
  let said = `HTTP ${error.status}`;
  if (error.s3Code) {
    said += ` ${error.s3Code}`;
  }
  if (error.s3Message) {
    said += `: ${error.s3Message}`;
  }
  if (error.requestId) {
    said += trans.__('; request id %1', error.requestId);
  }
  return ' ' + trans.__('(S3 said: %1)', said);
}

export function isBookstoreError(error: unknown): error is BookstoreError {
  return error instanceof Error && error.name === 'BookstoreError' && 'code' in error && 'reason' in error;
}

/**
 * Codes of failures that the user's Bookstore settings cause, and fix: wrong keys, bucket, region, and
 * an S3 that cannot be reached (its message names the endpoint setting first; a browser also sees a
 * refusal that carries no CORS headers as a failed request).
 */
const SETTINGS_CODES: ReadonlySet<string> = new Set([
  'InvalidConfig',
  'Network',
  'CredentialsRefused',
  'CredentialsUnavailable',
  'NoSuchBucket',
  'WrongRegion'
]);

/** Whether the failure is fixed in Bookstore's settings (so a message can lead there). */
export function isSettingsProblem(error: unknown): boolean {
  return (
    (error instanceof Error && error.name === 'NotConfiguredError') ||
    (isBookstoreError(error) && SETTINGS_CODES.has(error.code))
  );
}

/** The message to show for any failure; backend messages never contain secrets. */
export function describeError(error: unknown, trans: TranslationBundle): string {
  if (isBookstoreError(error)) {
    return reasonText(error, trans) + s3Said(error, trans);
  }
  return error instanceof Error ? error.message : String(error);
}
