import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PROJECT_ROOT } from '../../infra/local/stack.js';

/**
 * A validator for NIST SP 1500-100 v2 CDF JSON, compiled from NIST's schema as published, kept
 * unmodified in docs/schemas/ (its README gives the source and NIST's notice). The schema is
 * draft-04 and carries NIST's own `refTypes` annotations, which are not keywords: strict mode is
 * off so they are ignored.
 */
export function cdfValidator() {
  const schema = JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'docs', 'schemas', 'NIST_V2_election_results_reporting.json'), 'utf8'),
  );
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (document: unknown) => {
    const valid = validate(document);
    return valid ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}
