import { describe, expect, it } from 'vitest';
import { ElectionDefinitionSchema } from '../../shared/domain/election.js';
import { runoffIssues } from '../../shared/domain/runoff-definition.js';
import { firstRoundDefinition, runoffDefinition } from '../helpers/runoff-elections.js';
import { headOf } from './fixtures.js';

const first = () => headOf(firstRoundDefinition());
const SECTIONS = ['1', '2'];
const PAIR = ['C1', 'C2'] as const;
const issuesOf = (
  change: Record<string, unknown>,
  options: { pair?: readonly [string, string] | null } = {},
) =>
  runoffIssues(
    ElectionDefinitionSchema.parse({ ...runoffDefinition(), ...change }),
    first(),
    SECTIONS,
    options.pair === undefined ? PAIR : options.pair,
  );
const messages = (issues: { message: string }[]) => issues.map((i) => i.message);

describe('a run-off against its first round (TUEL art. 72)', () => {
  it('given the two admitted, the same sections and the first round links plus an apparentamento, then nothing is wrong', () => {
    expect(issuesOf({})).toEqual({ notDue: [], mismatch: [] });
  });

  it('given a first round that sends nobody to a run-off, or another pair, then it is not due', () => {
    expect(messages(issuesOf({}, { pair: null }).notDue)).toEqual([
      'the summary of "first-2026" says no run-off',
    ]);
    expect(messages(issuesOf({}, { pair: ['C1', 'C3'] }).notDue)).toEqual([
      'the run-off of "first-2026" is between "C1" and "C3"',
    ]);
  });

  it('given a referendum as the first round, then it is not due', () => {
    const referendum = { ...first(), kind: 'referendum' as const };
    const issues = runoffIssues(
      ElectionDefinitionSchema.parse(runoffDefinition()),
      referendum,
      SECTIONS,
      null,
    );
    expect(messages(issues.notDue)).toEqual(['"first-2026" is a referendum: it has no run-off']);
  });

  it('given another municipality, council or sections, then each is a mismatch', () => {
    const definition = runoffDefinition();
    const issues = issuesOf({
      municipality: { ...definition.municipality, population: 50_000 },
      councilSeats: 32,
      sections: [definition.sections[0], { id: '3', name: 'Sezione 3', registeredVoters: 10 }],
    });
    expect(issues.mismatch.map((i) => i.path[0])).toEqual(['municipality', 'councilSeats', 'sections']);
    expect(issues.mismatch[2]?.message).toBe(
      "the sections differ from the first round's: missing 2; not in it 3",
    );
  });

  it('given a list that did not run, an admitted list moved to the other side, or one left out, then each is a mismatch', () => {
    const lists = runoffDefinition().lists;
    expect(
      messages(issuesOf({ lists: [...lists, { id: 'L9', name: 'Nuova', candidateId: 'C1' }] }).mismatch),
    ).toEqual(['list "L9" did not run at the first round']);
    const moved = lists.map((l) => (l.id === 'L3' ? { ...l, candidateId: 'C1' } : l));
    expect(messages(issuesOf({ lists: moved }).mismatch)).toEqual([
      'list "L3" stays linked to "C2" (TUEL art. 72 c. 7)',
    ]);
    expect(messages(issuesOf({ lists: lists.filter((l) => l.id !== 'L2') }).mismatch)).toEqual([
      'list "L2" of "C1" is missing (TUEL art. 72 c. 7: the first round\'s links stay)',
    ]);
  });

  it('given a municipality up to 15,000 inhabitants, then an apparentamento is refused (art. 71 has none)', () => {
    const small = { ...first(), municipality: { ...first().municipality, population: 9_000 } };
    const definition = ElectionDefinitionSchema.parse({
      ...runoffDefinition(),
      municipality: small.municipality,
    });
    expect(messages(runoffIssues(definition, small, SECTIONS, PAIR).mismatch)).toEqual([
      'list "L4" cannot join "C2": up to 15,000 inhabitants there is no apparentamento (TUEL art. 71)',
    ]);
  });
});
