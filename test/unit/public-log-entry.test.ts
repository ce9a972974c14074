import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/domain/audit-events.js';
import { canonicalJson } from '../../shared/domain/canonical.js';
import {
  logEntryBytes,
  opaqueCredentialId,
  publicLogEntryOf,
  receiptOf,
} from '../../shared/domain/public-log-entry.js';

const tokenHashPrefix = '3f2a9c0d81be';

const submission: AuditEvent = {
  electionId: 'demo-2026',
  sectionId: '7',
  action: 'correct',
  at: '2026-05-25T20:00:01Z',
  actor: { role: 'officer', credential: tokenHashPrefix, sectionId: '7' },
  what: { item: 'turnout T2', version: 2, status: 'accepted', bodyHash: 'ab'.repeat(32), checks: ['R5'] },
  source: 'ELECTION#demo-2026#SECTION#7|SK|HISTORY#TURNOUT#T2#000002',
  contentHash: 'cd'.repeat(32),
};

describe('the public log entry of an audited write', () => {
  it('given a correction, then the entry names the section, the item, the version and the body hash, and nothing of the token', () => {
    // Act
    const entry = publicLogEntryOf(submission);
    const text = canonicalJson(entry);

    // Assert
    expect(entry).toEqual({
      electionId: 'demo-2026',
      kind: 'correct',
      at: '2026-05-25T20:00:01Z',
      role: 'officer',
      credentialId: opaqueCredentialId(tokenHashPrefix),
      sectionId: '7',
      item: 'turnout/T2',
      version: 2,
      status: 'accepted',
      bodyHash: 'ab'.repeat(32),
    });
    expect(text).not.toContain(tokenHashPrefix);
    expect(text).not.toContain(submission.contentHash);
    expect(entry.credentialId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('given the same write twice, then the bytes and the receipt are the same, and the receipt is the RFC 6962 leaf hash', () => {
    // Act
    const bytes = logEntryBytes(publicLogEntryOf(submission));
    const receipt = receiptOf(publicLogEntryOf({ ...submission }));

    // Assert
    const independent = createHash('sha256')
      .update(Buffer.concat([Buffer.from([0]), bytes]))
      .digest('hex');
    expect(receipt).toBe(independent);
    expect(receipt).toMatch(/^[0-9a-f]{64}$/);
    expect(new TextDecoder().decode(bytes)).toBe(canonicalJson(publicLogEntryOf(submission)));
  });

  it('given a staff credential issue, then the issued credential appears only as an opaque id', () => {
    // Act
    const entry = publicLogEntryOf({
      ...submission,
      action: 'issue-credential',
      actor: { role: 'staff', credential: 'terminal:clerk' },
      what: { credential: tokenHashPrefix },
    });

    // Assert
    expect(entry.role).toBe('terminal');
    expect(entry.subjectCredentialId).toBe(opaqueCredentialId(tokenHashPrefix));
    expect(canonicalJson(entry)).not.toContain(tokenHashPrefix);
  });

  it('given an entry past the entry bundle limit of 65,535 bytes, then it is refused', () => {
    // Act / Assert
    expect(() => logEntryBytes({ ...publicLogEntryOf(submission), reason: 'x'.repeat(70_000) })).toThrow(
      /65535/,
    );
  });
});
