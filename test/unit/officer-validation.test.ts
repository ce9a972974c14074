import { describe, expect, it } from 'vitest';
import { APP_MESSAGES } from '../../site/officer-app/messages.js';
import { draftOf, liveSums, missingDraft } from '../../site/officer-app/validation.js';
import { municipalHead, squareMunicipalResults } from './fixtures.js';
import { countFields, officerSection } from './officer-fixtures.js';

const label = (name: string) => `«${name}»`;

describe('the officer app’s validation', () => {
  const t = APP_MESSAGES.it;

  it('given a count that squares, then it is a draft for the count, and the checks find nothing', () => {
    const draft = draftOf(countFields(), undefined, officerSection(), t, label);
    expect(draft).toMatchObject({ ok: true, target: { kind: 'results' }, checks: [] });
    if (draft.ok) expect(draft.body).toEqual(squareMunicipalResults());
  });

  it('given five voters too many, then it is still a draft, and R1 says what does not add up', () => {
    const draft = draftOf(countFields({ voters: '565' }), undefined, officerSection(), t, label);
    expect(draft.ok).toBe(true);
    if (draft.ok) expect(draft.checks.map((c) => c.code)).toContain('R1');
  });

  it('given a field that is not a whole number, then the officer is told which, by its label', () => {
    const draft = draftOf(countFields({ blankBallots: '3,5' }), undefined, officerSection(), t, label);
    expect(draft).toEqual({
      ok: false,
      message: 'Scrivete solo numeri interi: «blankBallots».',
      fields: ['blankBallots'],
    });
  });

  it('given a turnout reading, then it is a draft for its slot; without voters the schema names the field', () => {
    const fields: [string, string][] = [
      ['voters', '250'],
      ['votersMale', ''],
      ['votersFemale', ''],
    ];
    expect(draftOf(fields, 'T2', officerSection(), t, label)).toMatchObject({
      ok: true,
      target: { kind: 'turnout', slotId: 'T2' },
    });
    const missing = draftOf([['voters', '']], 'T2', officerSection(), APP_MESSAGES.en, label);
    expect(missing).toEqual({ ok: false, message: 'To check: «voters».', fields: ['voters'] });
  });

  it('given required fields left empty, then the draft names them', () => {
    expect(missingDraft(['voters', 'blankBallots'], t, label)).toEqual({
      ok: false,
      message: 'Manca: «voters», «blankBallots».',
      fields: ['voters', 'blankBallots'],
    });
  });

  it('given typed numbers, then the live sums are the valid votes and the candidates’ votes', () => {
    const r = squareMunicipalResults();
    const values: Record<string, number> = {
      voters: r.voters,
      blankBallots: r.blankBallots,
      invalidBallots: r.invalidBallots,
      'candidateVotes.C1': 300,
      'candidateVotes.C2': 240,
    };
    expect(liveSums((name) => values[name] ?? 0, municipalHead())).toEqual({ valid: 550, candidates: 540 });
  });
});
