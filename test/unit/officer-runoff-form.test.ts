import { describe, expect, it } from 'vitest';
import { APP_MESSAGES } from '../../site/officer-app/messages.js';
import { readTally, renderTallyForm } from '../../site/officer-app/tally-form.js';
import { draftOf } from '../../site/officer-app/validation.js';
import { runoffDefinition } from '../helpers/runoff-elections.js';
import { headOf } from './fixtures.js';
import { officerSection } from './officer-fixtures.js';

/** The fields of a rendered form, in document order, with their values. */
const fieldsOf = (html: string) =>
  [...html.matchAll(/<input id="[^"]+" name="([^"]+)"[^>]*value="([^"]*)"/g)].map(
    (m) => [m[1] ?? '', m[2] ?? ''] as [string, string],
  );

const runoffSection = () =>
  officerSection({
    election: headOf(runoffDefinition()),
    turnout: {},
    results: null,
    version: null,
  } as never);

describe("the officer app's run-off form", () => {
  it('given a run-off, when rendered, then it asks for the ballots and the two candidates votes only', () => {
    const names = fieldsOf(renderTallyForm(headOf(runoffDefinition()), null, APP_MESSAGES.it)).map(
      ([n]) => n,
    );
    expect(names).toEqual([
      'voters',
      'blankBallots',
      'invalidBallots',
      'contestedBallots',
      'candidateVotes.C1',
      'candidateVotes.C2',
    ]);
  });

  it('given a stored run-off count, when rendered and read back, then the body is the figures the server takes', () => {
    const stored = {
      voters: 500,
      blankBallots: 5,
      invalidBallots: 3,
      contestedBallots: 2,
      candidateVotes: { C1: 250, C2: 240 },
    };
    const html = renderTallyForm(headOf(runoffDefinition()), { ...stored, listVotes: {} }, APP_MESSAGES.en);
    expect(readTally(fieldsOf(html)).body).toEqual(stored);
  });

  it('given a run-off count typed, when drafted, then the body sent has no list fields and the checks are the server R1 and W1', () => {
    const fields: [string, string][] = [
      ['voters', '1200'],
      ['blankBallots', '5'],
      ['invalidBallots', '3'],
      ['contestedBallots', '2'],
      ['candidateVotes.C1', '600'],
      ['candidateVotes.C2', '580'],
    ];
    const draft = draftOf(fields, undefined, runoffSection(), APP_MESSAGES.it, (n) => n);
    expect(draft.ok).toBe(true);
    if (!draft.ok) return;
    expect(draft.body).toEqual({
      voters: 1200,
      blankBallots: 5,
      invalidBallots: 3,
      contestedBallots: 2,
      candidateVotes: { C1: 600, C2: 580 },
    });
    // 1,200 voters against 1,190 accounted (R1), and over the section's 1,000 electors (W1).
    expect(draft.checks.map((c) => c.code).sort()).toEqual(['R1', 'W1']);
  });
});
