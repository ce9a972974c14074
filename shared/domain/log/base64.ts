/**
 * Standard base64 with padding (RFC 4648 section 4), as C2SP signed notes and checkpoints use it.
 * Browser-safe and strict: a text decodes only if it is the one canonical encoding of its bytes,
 * so two spellings of the same signature or root can never both be accepted.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map([...ALPHABET].map((char, index) => [char, index]));

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const word = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    text += ALPHABET[(word >> 18) & 63];
    text += ALPHABET[(word >> 12) & 63];
    text += b === undefined ? '=' : ALPHABET[(word >> 6) & 63];
    text += c === undefined ? '=' : ALPHABET[word & 63];
  }
  return text;
}

/** The bytes of a canonical base64 text, or undefined for anything else. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let out = 0;
  for (let i = 0; i < text.length; i += 4) {
    let word = 0;
    for (let j = 0; j < 4; j++) {
      const char = text[i + j] as string;
      const isPad = char === '=' && i + 4 === text.length && j >= 4 - padding;
      const value = isPad ? 0 : VALUE.get(char);
      if (value === undefined) return undefined;
      word = (word << 6) | value;
    }
    for (let j = 0; j < 3 && out < bytes.length; j++) bytes[out++] = (word >> (16 - 8 * j)) & 255;
  }
  return toBase64(bytes) === text ? bytes : undefined;
}
