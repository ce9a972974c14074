/**
 * The staff overview's size at national scale, every section counted (`npm run bench --
 * --overview-only [--sections N]`): each section's row is built by the overview's own code
 * (use-cases/section-state-row.ts) from a count and four readings as the night leaves them (some
 * corrected, 2% flagged, each with a contact), then encoded by the API's own compression, as a
 * browser asks for it. Lambda delivers at most 6 MB of answer, base64 included (answer-limit.ts).
 */
import type middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Submission } from '../../../shared/db/submissions.js';
import type { FailedCheck } from '../../../shared/domain/checks.js';
import { compressed } from '../../../shared/http/compression.js';
import { eventBytes, LAMBDA_EVENT_LIMIT_BYTES } from '../../../shared/http/request-body.js';
import { sectionStateRow } from '../../../shared/use-cases/section-state-row.js';
import { nationalElection } from './national-election.js';

const NIGHT_START = Date.UTC(2026, 5, 7, 6, 0, 0);
const FLAGGED: FailedCheck = {
  code: 'R1',
  severity: 'error',
  message: { it: 'I voti validi non tornano', en: 'Valid votes do not add up' },
};

/** A section's item as the night leaves it; `n` varies the times, versions and flags. */
function storedItem(sectionId: string, n: number, kind: Submission['kind'], slotId?: string): Submission {
  const flagged = kind === 'results' && n % 50 === 0;
  return {
    electionId: 'bench',
    sectionId,
    kind,
    ...(slotId ? { slotId } : {}),
    registeredVoters: 1000,
    version: 1 + (n % 20 === 0 ? 1 : 0),
    rev: 1,
    status: flagged ? 'flagged' : 'accepted',
    checks: flagged ? [FLAGGED] : [],
    body: {},
    bodyHash: '',
    submittedAt: new Date(NIGHT_START + ((n * 7_919_117) % 36_000_000)).toISOString(),
    submittedBy: { role: 'officer', credential: sectionId },
  };
}

export async function benchOverviewSize(sectionCount: number): Promise<string[]> {
  const election = nationalElection('bench-overview', sectionCount);
  const now = NIGHT_START + 40 * 3_600_000;
  const sections = election.sections.map((section, n) => {
    const stored = [
      storedItem(section.id, n, 'results'),
      ...election.turnoutSlots.map((slot, k) => storedItem(section.id, n * 5 + k, 'turnout', slot.id)),
    ];
    const contact = {
      lastContactAt: new Date(now - ((n * 104_729) % 7_200_000)).toISOString(),
      appVersion: `2026.12.0${1 + (n % 2)}`,
    };
    return sectionStateRow(section, stored, {
      slots: election.turnoutSlots,
      contact,
      now,
      lateAfterMinutes: 30,
    });
  });
  const body = JSON.stringify({ electionId: election.id, name: election.name, sections });
  const lines = [`sections: ${sectionCount}, every one counted`, `JSON: ${mb(Buffer.byteLength(body))}`];
  for (const acceptEncoding of ['gzip', 'gzip, deflate, br, zstd']) {
    const response: APIGatewayProxyStructuredResultV2 = { statusCode: 200, headers: {}, body };
    // What middy hands the middleware: only the headers of the event and the answer are read.
    const request = {
      event: { headers: { 'accept-encoding': acceptEncoding } },
      response,
      context: {},
    } as unknown as middy.Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;
    await compressed().after?.(request);
    const answer = request.response as APIGatewayProxyStructuredResultV2;
    const bytes = eventBytes(answer);
    lines.push(
      `Accept-Encoding "${acceptEncoding}": ${answer.headers?.['Content-Encoding'] ?? answer.headers?.['content-encoding']}, ${mb(bytes)} as Lambda returns it (base64): ${((100 * bytes) / LAMBDA_EVENT_LIMIT_BYTES).toFixed(0)}% of Lambda's 6 MiB`,
    );
  }
  return lines;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
