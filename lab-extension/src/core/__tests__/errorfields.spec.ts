import { expose, wrap } from 'comlink';
import { MessageChannel } from 'worker_threads';

import { keepErrorFields } from '../errorfields';

/** The fields a BookstoreError carries besides name and message: its reason and S3's details. */
const FIELDS = {
  code: 'CredentialsRefused',
  reason: 'credentialsRefused',
  fields: {},
  status: 403,
  s3Code: 'SignatureDoesNotMatch',
  s3Message: 'The request signature we calculated does not match',
  requestId: 'tx000-1'
};

/** What the wasm client throws. */
function s3Error(): Error {
  return Object.assign(new Error('credentialsRefused'), { name: 'BookstoreError', ...FIELDS });
}

describe('errors thrown in the worker', () => {
  const channel = new MessageChannel();
  afterAll(() => {
    channel.port1.close();
    channel.port2.close();
  });

  it('arrive on the page as Errors with the same name, message, code, reason, fields and what S3 said', async () => {
    keepErrorFields();
    expose(
      {
        fail: async () => {
          throw s3Error();
        },
        failPlain: async () => {
          throw new TypeError('plain');
        }
      },
      channel.port1 as never
    );
    const remote = wrap<{ fail(): Promise<void>; failPlain(): Promise<void> }>(channel.port2 as never);

    const error = await remote.fail().then(
      () => null,
      (e: unknown) => e
    );
    expect(error).toBeInstanceOf(Error);
    const expected = s3Error();
    expect(error).toMatchObject({
      name: expected.name,
      message: expected.message,
      ...FIELDS
    });

    const plain = await remote.failPlain().then(
      () => null,
      (e: unknown) => e
    );
    expect(plain).toMatchObject({ name: 'TypeError', message: 'plain' });
    expect(plain).not.toHaveProperty('code');
  });
});
