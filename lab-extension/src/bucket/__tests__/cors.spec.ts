// The CORS rule is written once (cors-rule.json); the README shows it to users and the dialog builds it.
import * as fs from 'fs';
import * as path from 'path';

import corsRule from '../cors-rule.json';
import { corsConfiguration } from '../cors';

/** The JSON block the README gives under "Allow JupyterLab's origin with a CORS configuration". */
function readmeRule(): unknown {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
  const block = readme.match(/```json\n(\s*\{"CORSRules":[\s\S]*?)```/);
  if (!block) {
    throw new Error('The README holds no CORS configuration block');
  }
  return JSON.parse(block[1]).CORSRules[0];
}

describe('the CORS rule', () => {
  it('is the one the README tells users to apply', () => {
    expect(readmeRule()).toEqual(corsRule);
  });

  it('is what "Show CORS configuration" gives, for the page origin', () => {
    const shown = JSON.parse(corsConfiguration('http://127.0.0.1:8888'));
    expect(shown).toEqual({ CORSRules: [{ ...corsRule, AllowedOrigins: ['http://127.0.0.1:8888'] }] });
  });
});
