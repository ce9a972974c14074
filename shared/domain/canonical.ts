import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export { canonicalJson } from './canonical-json.js';

/** SHA-256 of the canonical JSON, hex: equal bodies, equal hashes. */
export const hashOf = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');
