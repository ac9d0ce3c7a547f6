// The settings' defaults are written once, in the settings schema that JupyterLab shows: the extension's
// fallbacks must be the same (the crate's are checked against the schema by a Rust test in config.rs).
import schema from '../../../schema/plugin.json';
import { DEFAULT_SETTINGS } from '../settings';

describe('setting defaults', () => {
  it('equal the schema defaults, for every setting and no other', () => {
    const fromSchema = Object.fromEntries(
      Object.entries(schema.properties).map(([name, property]) => [name, property.default])
    );
    expect(DEFAULT_SETTINGS).toEqual(fromSchema);
  });
});
