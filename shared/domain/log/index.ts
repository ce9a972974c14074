/**
 * The public log's library (docs/interface.md, The public log): a C2SP tlog-tiles Merkle log
 * with RFC 6962 hashing, C2SP tlog-checkpoint bodies in C2SP signed notes signed with Ed25519.
 * Pure and browser-safe: every read goes through an injected reader, every signature through an
 * injected signer.
 *
 * Writing (the log writer):
 *   const result = await appendEntries({ size, entries, reader, previousRoot });
 *   // write result.bundles and result.tiles (immutable when full), then:
 *   const text = formatCheckpoint({ origin, size: result.size, root: result.root, time: new Date() });
 *   const note = await signNote(text, [signer]); // signerFromSeed(origin, seed), or a KMS signer
 *
 * Reading (the verifiers):
 *   const { text } = openNote(note, [parseVerifierKey(vkey)]);
 *   const checkpoint = parseCheckpoint(text);
 *   const tree = new TreeHashes(checkpoint.size, readTile);
 *   verifyInclusion(index, checkpoint.size, leaf, await inclusionProof(tree, index), checkpoint.root);
 */
export {
  type AppendInput,
  type AppendResult,
  appendEntries,
  type LogFile,
  LogHistoryMismatchError,
  type LogReader,
  type ReadEntryBundle,
} from './append.js';
export { fromBase64, toBase64 } from './base64.js';
export {
  type Checkpoint,
  type CheckpointInput,
  formatCheckpoint,
  MalformedCheckpointError,
  parseCheckpoint,
  timeLine,
} from './checkpoint.js';
export {
  decodeEntryBundle,
  encodeEntryBundle,
  MAX_ENTRY_BYTES,
  MalformedEntryBundleError,
} from './entry-bundle.js';
export { hashesEqual, verifyConsistency, verifyInclusion } from './merkle-proofs.js';
export { fromHex, type Hash, leafHash, nodeHash, toHex } from './rfc6962.js';
export {
  formatSignerKey,
  keyIdOf,
  NoteError,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  signerFromSeed,
  signNote,
  verifierKeyOf,
} from './signed-note.js';
export {
  entryBundlePath,
  parseTilePath,
  TILE_WIDTH,
  type TileAddress,
  tilePath,
  tileWidthAt,
} from './tile-path.js';
export {
  consistencyProof,
  EMPTY_TREE_HASH,
  inclusionProof,
  MalformedTileError,
  type ReadTile,
  TreeHashes,
  treeHash,
} from './tree-from-tiles.js';
