/**
 * The public log's signing key, which only the log writer holds (README, The public log): in AWS
 * a Secrets Manager secret generated at deploy, readable by the writer's role alone
 * (infra/cloudformation/log-signing-key.yml); locally a file under `.local/` that `npm start`
 * creates. Either holds random text; the Ed25519 seed is its SHA-256, so a secret of any
 * printable form makes a key. One key signs every log of the deployment, each under its own name
 * (its origin line).
 */
import { readFileSync } from 'node:fs';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { type SeedSigner, signerFromSeed } from '../domain/log/signed-note.js';

/** The seed of the key held in `secret` (the writer's only way to its key). */
export const seedOfSecret = (secret: string) =>
  sha256(utf8ToBytes(`election-night public log signing key\n${secret.trim()}`));

let secretText: Promise<string> | undefined;

async function readSecret(): Promise<string> {
  const file = process.env.LOG_SIGNING_KEY_FILE;
  if (file) return readFileSync(file, 'utf8');
  const secretId = process.env.LOG_SIGNING_KEY_SECRET_ID;
  if (!secretId) throw new Error('neither LOG_SIGNING_KEY_FILE nor LOG_SIGNING_KEY_SECRET_ID is set');
  const value = await getSecret(secretId);
  if (typeof value !== 'string' || value.trim() === '')
    throw new Error('the log signing key secret is empty');
  return value;
}

/** The signer of the log named `origin`, its secret read once per cold start. */
export async function logSigner(origin: string): Promise<SeedSigner> {
  secretText ??= readSecret().catch((error: unknown) => {
    secretText = undefined;
    throw error;
  });
  return signerFromSeed(origin, seedOfSecret(await secretText));
}
