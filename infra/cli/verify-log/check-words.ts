/** What each check of the public log's verifiers establishes, in the command line's words. */
import type { LogCheck } from '../../../shared/domain/public-log-checks.js';

export const CHECK_WORDS: Record<LogCheck, string> = {
  site: "the site's files could be read",
  receipt: 'the receipt is 64 hexadecimal digits',
  key: "the deployment's key file holds this log's key",
  checkpoint: "the checkpoint is published, well formed, of this election's log",
  signature: "the checkpoint is signed by the log's key",
  'section-file': "the section's published file lists the receipt and its index",
  'receipt-in-log': 'an entry of the log hashes to the receipt',
  'in-checkpoint': 'the entry is within the signed checkpoint',
  'entry-bundle': 'the entry bundles are published and decode',
  'leaf-hash': 'the entry at that index hashes to the receipt',
  inclusion: "the inclusion proof from the tiles leads to the checkpoint's signed root",
  entry: 'the entries are canonical JSON of this election (and of the receipt’s section and version)',
  'body-hash': "the published numbers hash to the entry's bodyHash",
  tile: 'every hash tile equals the tree recomputed from all the entries',
  root: "the tree recomputed from the entries has the checkpoint's signed root",
  'saved-checkpoint': "the saved checkpoint is signed by the log's key, of the same log",
  consistency: 'the log today extends the saved checkpoint (RFC 9162 consistency proof from the tiles)',
};
