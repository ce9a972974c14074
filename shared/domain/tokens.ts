import { createHash, randomBytes } from 'node:crypto';

/** A bearer token of 256 random bits: far beyond guessing, so a fast hash is enough to store it. */
export const generateToken = () => randomBytes(32).toString('base64url');

/** What the table keeps of a token: its SHA-256, hex. */
export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
