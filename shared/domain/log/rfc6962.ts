/**
 * The public log's hashing (RFC 6962 section 2.1, kept by RFC 9162 section 2.1.1): a leaf is
 * SHA-256(0x00 || entry), an inner node SHA-256(0x01 || left || right). Browser-safe.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

export type Hash = Uint8Array;

export const HASH_SIZE = 32;

export function leafHash(entry: Uint8Array): Hash {
  const input = new Uint8Array(1 + entry.length);
  input[0] = 0x00;
  input.set(entry, 1);
  return sha256(input);
}

export function nodeHash(left: Hash, right: Hash): Hash {
  const input = new Uint8Array(1 + 2 * HASH_SIZE);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + HASH_SIZE);
  return sha256(input);
}

export const toHex = (bytes: Uint8Array) => bytesToHex(bytes);
export const fromHex = (hex: string) => hexToBytes(hex);
