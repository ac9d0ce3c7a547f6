/**
 * fast-check generators for the notebook fuzzer: valid nbformat 4 notebooks, near-notebooks whose
 * fields hold any JSON, and byte-level mutations of valid notebooks.
 */
import fc from 'fast-check';

type Json = fc.JsonValue;
type JsonObject = { [key: string]: Json };

const text = fc.string({ maxLength: 40, unit: 'binary' });
/** nbformat's multiline string: one string or a list of lines. */
const multiline = fc.oneof(text, fc.array(text, { maxLength: 4 }));
const jsonValue = fc.jsonValue({ maxDepth: 3 });
const dict = fc.dictionary(text, jsonValue, { maxKeys: 4 });
const mimeBundle = fc.dictionary(
  fc.constantFrom('text/plain', 'text/html', 'image/png', 'application/json'),
  multiline
);
const executionCount = fc.option(fc.nat({ max: 1000 }), { nil: null });

const output = fc.oneof(
  fc.record({ output_type: fc.constant('stream'), name: fc.constantFrom('stdout', 'stderr'), text: multiline }),
  fc.record({ output_type: fc.constant('display_data'), data: mimeBundle, metadata: dict }),
  fc.record({
    output_type: fc.constant('execute_result'),
    execution_count: executionCount,
    data: mimeBundle,
    metadata: dict
  }),
  fc.record({
    output_type: fc.constant('error'),
    ename: text,
    evalue: text,
    traceback: fc.array(text, { maxLength: 3 })
  })
);

const cellId = fc.stringMatching(/^[a-zA-Z0-9_-]{1,64}$/);
const attachments = fc.dictionary(text, mimeBundle, { maxKeys: 2 });

const codeCell = fc.record(
  {
    cell_type: fc.constant('code'),
    id: cellId,
    source: multiline,
    metadata: dict,
    outputs: fc.array(output, { maxLength: 3 }),
    execution_count: executionCount
  },
  { requiredKeys: ['cell_type', 'source', 'metadata', 'outputs', 'execution_count'] }
);
const textCell = (type: 'markdown' | 'raw') =>
  fc.record(
    { cell_type: fc.constant(type), id: cellId, source: multiline, metadata: dict, attachments },
    { requiredKeys: ['cell_type', 'source', 'metadata'] }
  );
const cell = fc.oneof(codeCell, textCell('markdown'), textCell('raw'));

/** A valid nbformat 4 notebook, as JupyterLab or nbformat writes it. */
export const notebook = fc.record({
  nbformat: fc.constant(4),
  nbformat_minor: fc.integer({ min: 0, max: 5 }),
  metadata: fc.record(
    {
      kernelspec: fc.record({ name: text, display_name: text, language: text }),
      language_info: fc.record({ name: text }),
      extra: dict
    },
    { requiredKeys: [] }
  ),
  cells: fc.array(cell, { maxLength: 6 })
});

/** The notebook's fields, each either right or any JSON at all: the shapes a validator must judge. */
export const nearNotebook = fc.record(
  {
    nbformat: fc.oneof(fc.constant(4), jsonValue),
    nbformat_minor: fc.oneof(fc.nat({ max: 5 }), jsonValue),
    metadata: fc.oneof(dict, jsonValue),
    cells: fc.oneof(
      fc.array(
        fc.oneof(
          cell,
          jsonValue,
          fc.record({ cell_type: fc.constantFrom('code', 'markdown', 'raw') }),
          cellWithAnyFields()
        ),
        {
          maxLength: 4
        }
      ),
      jsonValue
    )
  },
  { requiredKeys: [] }
);

function cellWithAnyFields(): fc.Arbitrary<JsonObject> {
  return fc
    .tuple(cell, fc.constantFrom('id', 'source', 'metadata', 'outputs', 'execution_count', 'attachments'), jsonValue)
    .map(([c, field, value]) => ({ ...(c as JsonObject), [field]: value }));
}

/** Edits of a valid notebook's JSON text: cut, a byte flipped, inserted or deleted. */
export const mutatedNotebook = fc
  .tuple(notebook, fc.nat(), fc.nat({ max: 255 }), fc.constantFrom('cut', 'flip', 'insert', 'delete'))
  .map(([nb, position, byte, edit]) => {
    const bytes = new TextEncoder().encode(JSON.stringify(nb));
    const at = position % (bytes.length + 1);
    switch (edit) {
      case 'cut':
        return bytes.slice(0, at);
      case 'flip':
        return Uint8Array.from(bytes, (b, i) => (i === at ? b ^ (1 << (byte % 8)) : b));
      case 'insert':
        return Uint8Array.from([...bytes.slice(0, at), byte, ...bytes.slice(at)]);
      default:
        return Uint8Array.from([...bytes.slice(0, at), ...bytes.slice(at + 1)]);
    }
  });

/** Deeply nested or large JSON: must be judged at once, without a stack overflow. */
export const extremeJson = fc.oneof(
  fc.integer({ min: 1, max: 200_000 }).map(n => `{"nbformat": 4, "cells": ${'['.repeat(n)}${']'.repeat(n)}}`),
  fc
    .integer({ min: 1, max: 200_000 })
    .map(n => `{"nbformat": 4, "metadata": ${'{"a":'.repeat(n)}1${'}'.repeat(n)}, "cells": []}`),
  // Around the depth limit, inside a cell's outputs where JupyterLab copies them.
  fc
    .integer({ min: 990, max: 1010 })
    .map(
      n =>
        `{"nbformat": 4, "cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data", "data": ${'['.repeat(n)}${']'.repeat(n)}}]}]}`
    ),
  fc
    .integer({ min: 1, max: 20_000 })
    .map(
      n =>
        `{"nbformat": 4, "metadata": {}, "cells": [${Array(n).fill('{"cell_type": "raw", "source": "x", "metadata": {}}').join(',')}]}`
    )
);

export type { Json };
