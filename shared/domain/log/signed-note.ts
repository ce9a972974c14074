/**
 * C2SP signed notes with Ed25519 (the note format of Go's golang.org/x/mod/sumdb/note): a text
 * ending in a newline, a blank line, then signature lines `— <name> <base64(key id || sig)>`.
 * Verifier keys are `<name>+<8 hex key id>+<base64(0x01 || public key)>`, the key id being the
 * first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key). Signing goes through an injected
 * signer, so the private key can stay in a process (or a KMS) of its own. Browser-safe.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { fromBase64, toBase64 } from './base64.js';

const ED25519 = 0x01;
const EM_DASH = '\u2014';
/** Go's note package refuses notes of more signatures; C2SP asks for at least 16. */
export const MAX_SIGNATURES = 100;

/** Signs a note's text as `name` under the key of `keyId`. */
export interface NoteSigner {
  name: string;
  /** The key id, an unsigned 32-bit integer. */
  keyId: number;
  sign(message: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

export interface NoteVerifier {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSignature {
  name: string;
  keyId: number;
  /** The base64 text of the signature line (key id and signature). */
  base64: string;
}

export interface OpenedNote {
  text: string;
  /** Signatures of the given keys, each verified. */
  verified: NoteSignature[];
  /** Signatures of keys not given, ignored (a witness's cosignature, a rotated key). */
  unverified: NoteSignature[];
}

export type NoteErrorKind = 'malformed' | 'no-known-signature' | 'invalid-signature';

export class NoteError extends Error {
  override name = 'NoteError';
  constructor(
    readonly kind: NoteErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** A key name: non-empty, no Unicode space, no plus sign. */
export const isValidKeyName = (name: string) => name !== '' && !/[\s+]/u.test(name);

export function keyIdOf(name: string, publicKey: Uint8Array): number {
  const digest = sha256(concatBytes(utf8ToBytes(name), Uint8Array.of(0x0a, ED25519), publicKey));
  return new DataView(digest.buffer, digest.byteOffset, 4).getUint32(0);
}

const hex8 = (keyId: number) => keyId.toString(16).padStart(8, '0');

export function verifierKeyOf(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new Error(`not a key name: ${name}`);
  if (publicKey.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  return `${name}+${hex8(keyIdOf(name, publicKey))}+${toBase64(concatBytes(Uint8Array.of(ED25519), publicKey))}`;
}

/** Splits at the first "+" (the name has none); the key's base64 may hold more. */
function chop(text: string): [string, string] | undefined {
  const at = text.indexOf('+');
  return at < 0 ? undefined : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * `<name>+<8 hex key id>+<base64(0x01 || 32 bytes)>`, the shape both key texts share (the
 * verifier's holds the public key, the signer's the seed); undefined when it is not that.
 */
function parseKeyText(text: string): { name: string; keyId: number; key: Uint8Array } | undefined {
  const [name, rest] = chop(text) ?? ['', ''];
  const [keyIdText, keyText] = chop(rest) ?? ['', ''];
  const key = fromBase64(keyText);
  const wellFormed =
    isValidKeyName(name) && /^[0-9a-f]{8}$/.test(keyIdText) && key?.length === 33 && key[0] === ED25519;
  if (!wellFormed || !key) return undefined;
  return { name, keyId: Number.parseInt(keyIdText, 16), key: key.slice(1) };
}

/** The verifier of a verifier key; throws on anything but a well-formed Ed25519 key. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const parsed = parseKeyText(vkey);
  if (!parsed) throw new Error(`not an Ed25519 verifier key: ${vkey}`);
  const { name, keyId, key: publicKey } = parsed;
  if (keyIdOf(name, publicKey) !== keyId) throw new Error(`the key id of ${name} does not match its key`);
  return {
    name,
    keyId,
    publicKey,
    verify(message, signature) {
      try {
        return signature.length === 64 && ed25519.verify(signature, message, publicKey, { zip215: false });
      } catch {
        return false;
      }
    },
  };
}

export interface SeedSigner extends NoteSigner {
  publicKey: Uint8Array;
  verifierKey: string;
}

/** A signer holding its Ed25519 key in this process, from the key's 32-byte seed. */
export function signerFromSeed(name: string, seed: Uint8Array): SeedSigner {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  const publicKey = ed25519.getPublicKey(seed);
  return {
    name,
    keyId: keyIdOf(name, publicKey),
    publicKey,
    verifierKey: verifierKeyOf(name, publicKey),
    sign: (message) => ed25519.sign(message, seed),
  };
}

/** Go's private key text, `PRIVATE+KEY+<name>+<key id>+<base64(0x01 || seed)>`. */
export function formatSignerKey(name: string, seed: Uint8Array): string {
  const signer = signerFromSeed(name, seed);
  return `PRIVATE+KEY+${name}+${hex8(signer.keyId)}+${toBase64(concatBytes(Uint8Array.of(ED25519), seed))}`;
}

/** The name and seed of Go's private key text; throws on anything else. */
export function parseSignerKey(skey: string): { name: string; seed: Uint8Array } {
  const fail = () => new Error('not an Ed25519 private key of the note format');
  if (!skey.startsWith('PRIVATE+KEY+')) throw fail();
  const parsed = parseKeyText(skey.slice('PRIVATE+KEY+'.length));
  if (!parsed) throw fail();
  const { name, keyId, key: seed } = parsed;
  if (signerFromSeed(name, seed).keyId !== keyId) throw fail();
  return { name, seed };
}

/** Whether the text holds an ASCII control character other than a newline, which notes forbid. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return true;
  }
  return false;
}

function checkText(text: string) {
  if (!text.endsWith('\n') || hasControl(text)) throw new NoteError('malformed', 'malformed note text');
}

/** The signed note: the text, a blank line, one signature line per signer. */
export async function signNote(text: string, signers: readonly NoteSigner[]): Promise<string> {
  checkText(text);
  if (signers.length === 0) throw new Error('a signed note needs a signer');
  const message = utf8ToBytes(text);
  const lines: string[] = [];
  for (const signer of signers) {
    if (!isValidKeyName(signer.name)) throw new Error(`not a key name: ${signer.name}`);
    const signature = await signer.sign(message);
    const id = new Uint8Array(4);
    new DataView(id.buffer).setUint32(0, signer.keyId >>> 0);
    lines.push(`${EM_DASH} ${signer.name} ${toBase64(concatBytes(id, signature))}\n`);
  }
  return `${text}\n${lines.join('')}`;
}

/**
 * Opens a signed note with the keys given. Signatures of other keys are ignored; a signature of a
 * given key that does not verify refuses the note ("invalid-signature"), and so does a note with
 * no signature of a given key ("no-known-signature"), as C2SP signed-note asks.
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  let message: string;
  try {
    message = typeof note === 'string' ? note : new TextDecoder('utf-8', { fatal: true }).decode(note);
  } catch {
    throw new NoteError('malformed', 'a note is UTF-8');
  }
  if (hasControl(message)) throw new NoteError('malformed', 'a note has no control characters');
  const split = message.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('malformed', 'a note has a blank line before its signatures');
  const text = message.slice(0, split + 1);
  const block = message.slice(split + 2);
  if (!block.endsWith('\n')) throw new NoteError('malformed', 'signature lines end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError('malformed', 'a note of too many signatures');
  const textBytes = utf8ToBytes(text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  for (const line of lines) {
    const match = /^\u2014 (\S+) (\S+)$/u.exec(line);
    const [, name = '', base64 = ''] = match ?? [];
    const bytes = fromBase64(base64);
    if (!match || !isValidKeyName(name) || !bytes || bytes.length < 5)
      throw new NoteError('malformed', `not a signature line: ${line}`);
    const keyId = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
    const signature = { name, keyId, base64 };
    const verifier = verifiers.find((v) => v.name === name && v.keyId === keyId);
    if (!verifier) {
      if (!unverified.some((s) => s.base64 === base64)) unverified.push(signature);
      continue;
    }
    if (!verifier.verify(textBytes, bytes.subarray(4)))
      throw new NoteError('invalid-signature', `the signature of ${name}+${hex8(keyId)} does not verify`);
    if (!verified.some((s) => s.base64 === base64)) verified.push(signature);
  }
  if (verified.length === 0)
    throw new NoteError('no-known-signature', 'the note has no signature of a known key');
  return { text, verified, unverified };
}
