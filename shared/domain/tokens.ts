import { createHash, randomBytes } from 'node:crypto';

/**
 * A bearer token of 256 random bits: far beyond guessing, so a fast hash is enough to store it.
 * It never starts with "-" or "_": a spreadsheet would read a leading "-" as a formula, and a
 * code printed on a sheet must survive being opened in one.
 */
export function generateToken(): string {
  for (;;) {
    const token = randomBytes(32).toString('base64url');
    if (/^[A-Za-z0-9]/.test(token)) return token;
  }
}

/** What the table keeps of a token: its SHA-256, hex. */
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
