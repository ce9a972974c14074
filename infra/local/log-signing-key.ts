/**
 * The local stand-in for the public log's signing key secret (infra/cloudformation/log-signing-key.yml):
 * random text in a file only the log writer is told of (LOG_SIGNING_KEY_FILE), made on the first
 * start and kept, so the log of a kept data folder stays under one key.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function ensureLogSigningKey(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  }
  return file;
}
