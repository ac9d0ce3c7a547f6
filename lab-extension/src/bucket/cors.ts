/** The bucket CORS rule a browser client needs. No JupyterLab imports, so it is unit-tested directly. */
import corsRule from './cors-rule.json';

/**
 * The bucket CORS configuration a browser client needs, for this page's origin. The rule is written once,
 * in cors-rule.json: the README shows it and the test servers apply it (a test checks both).
 */
export function corsConfiguration(origin: string): string {
  return JSON.stringify({ CORSRules: [{ ...corsRule, AllowedOrigins: [origin] }] }, null, 2);
}
