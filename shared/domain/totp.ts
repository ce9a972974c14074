/**
 * One-time codes (RFC 6238: HMAC-SHA-1, 6 digits, 30 s steps), through the otpauth library.
 * A code is accepted one step either side of now (clock drift), and each sign-in records the step
 * it used, so the same code never opens a second session (db/staff-accounts.ts guards it).
 */
import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Election night';
const PERIOD_S = 30;

const totpOf = (secretBase32: string, username: string) =>
  new TOTP({
    issuer: ISSUER,
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_S,
    secret: Secret.fromBase32(secretBase32),
  });

/** A new secret: 160 random bits (RFC 4226's recommendation), RFC 4648 base32. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The `otpauth://totp/...` URI an authenticator app reads from the QR code. */
export const otpauthUri = (secretBase32: string, username: string): string =>
  totpOf(secretBase32, username).toString();

/** The time step a code belongs to, when it is the code of now or one step either side; else undefined. */
export function stepOfCode(secretBase32: string, code: string, now = Date.now()): number | undefined {
  const totp = totpOf(secretBase32, 'check');
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? undefined : totp.counter({ timestamp: now }) + delta;
}

/** The code of a moment (tests, and the terminal's first sign-in help). */
export const codeAt = (secretBase32: string, at = Date.now()): string =>
  totpOf(secretBase32, 'code').generate({ timestamp: at });
