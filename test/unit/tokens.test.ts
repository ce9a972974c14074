import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../shared/domain/csv.js';
import { generateToken, hashToken } from '../../shared/domain/tokens.js';
import { TOKEN_PATTERN } from '../../shared/http/api.js';

describe('officer and staff tokens', () => {
  it('given many new tokens, then each has 256 bits, fits the bearer pattern, and survives a spreadsheet (no leading "-" or "_")', () => {
    // Act
    const tokens = Array.from({ length: 2000 }, generateToken);

    // Assess
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) {
      expect(token).toMatch(TOKEN_PATTERN);
      expect(token).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{42}$/);
      expect(parseCsv(toCsv(['token'], [[token]]))[1]).toEqual([token]);
    }
  });

  it('given a token, then only its SHA-256 is what the table keeps', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
