/**
 * Keeps a BookstoreError's fields across the worker boundary. comlink sends a thrown Error's name,
 * message and stack only; the page also needs its code, reason, fields and what S3 said (notifications,
 * the queue and the checks read them). The worker calls this once; the page's side needs nothing, as
 * comlink rebuilds an Error with every field sent. No wasm or JupyterLab imports, so it is unit-tested.
 */
import { transferHandlers } from 'comlink';

const FIELDS = ['code', 'reason', 'fields', 'status', 's3Code', 's3Message', 'requestId'];

export function keepErrorFields(): void {
  const base = transferHandlers.get('throw')!;
  transferHandlers.set('throw', {
    canHandle: base.canHandle,
    serialize: (thrown: { value: unknown }) => {
      const error = thrown.value;
      if (!(error instanceof Error)) {
        return base.serialize(thrown);
      }
      const fields: Record<string, unknown> = { name: error.name, message: error.message, stack: error.stack };
      for (const key of FIELDS) {
        if (key in error) {
          fields[key] = (error as unknown as Record<string, unknown>)[key];
        }
      }
      return [{ isError: true, value: fields }, []];
    },
    deserialize: base.deserialize
  });
}
