import { describe, expect, it } from 'vitest';
import { MAX_COUNT } from '../../shared/domain/ids.js';
import {
  municipalResultsSchema,
  referendumResultsSchema,
  resultsSchemaFor,
  StoredResultsSchema,
  TurnoutReadingSchema,
} from '../../shared/domain/submission-bodies.js';
import {
  municipalHead,
  referendumHead,
  squareMunicipalResults,
  squareReferendumResults,
} from './fixtures.js';

const municipal = municipalResultsSchema(municipalHead());
const referendum = referendumResultsSchema(referendumHead());

/** The paths of the issues of a refused body, or [] when it parses. */
function refusedPaths(schema: typeof municipal | typeof referendum, body: unknown): string[] {
  const parsed = schema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
}

describe('municipalResultsSchema: the shape of a municipal count', () => {
  it('given a complete count, when parsed, then it is accepted unchanged', () => {
    // Prepare
    const body = squareMunicipalResults();

    // Act
    const parsed = municipal.parse(body);

    // Assess
    expect(parsed).toEqual(body);
  });

  it('given a count without candidateOnlyVotes and preferenceVotes, when parsed, then both default to {}', () => {
    // Prepare
    const { candidateOnlyVotes, preferenceVotes, ...body } = squareMunicipalResults();

    // Act
    const parsed = municipal.parse(body);

    // Assess
    expect(parsed.candidateOnlyVotes).toEqual({});
    expect(parsed.preferenceVotes).toEqual({});
  });

  it.each([
    ['candidateVotes', 'C9', 'candidateVotes.C9'],
    ['candidateOnlyVotes', 'C9', 'candidateOnlyVotes.C9'],
    ['listVotes', 'L9', 'listVotes.L9'],
    ['preferenceVotes', 'L9-1', 'preferenceVotes.L9-1'],
    ['listVotes', 'C1', 'listVotes.C1'],
  ] as const)('given an unknown id in %s (%s), when parsed, then it is refused at %s', (field, id, path) => {
    // Prepare
    const body = squareMunicipalResults();
    body[field] = { ...body[field], [id]: 1 };

    // Act
    const paths = refusedPaths(municipal, body);

    // Assess
    expect(paths).toEqual([path]);
  });

  // BUG: zod 4 silently drops an own "__proto__" key of a z.record (zod/v4/core/schemas.js, $ZodRecord),
  // so IdSchema's reserved-id refine and countsOf's unknown-id check never see it: the body is accepted
  // with that entry stripped, whatever its value, where docs/interface.md wants 400 for unknown ids.
  it('BUG __proto__ record key: given "__proto__" as a key of candidateVotes in the raw JSON, when parsed, then it is refused', () => {
    // Prepare: JSON.parse makes __proto__ an own key, as a request body would.
    const body = JSON.parse(
      '{"voters":1,"blankBallots":0,"invalidBallots":0,"contestedBallots":0,"candidateVotes":{"__proto__":1}}',
    );

    // Act
    const parsed = municipal.safeParse(body);

    // Assess
    expect(parsed.success).toBe(false);
  });

  it.each([
    ['a negative count', -1],
    ['a fractional count', 1.5],
    ['a count above 10,000,000', MAX_COUNT + 1],
    ['a count given as a string', '12'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('given %s as voters or as a candidate vote, when parsed, then each is refused', (_, value) => {
    // Prepare
    const asVoters = { ...squareMunicipalResults(), voters: value };
    const asVotes = { ...squareMunicipalResults(), candidateVotes: { C1: value, C2: 250 } };
    const asPreference = { ...squareMunicipalResults(), preferenceVotes: { 'L1-1': value } };

    // Act
    const paths = [asVoters, asVotes, asPreference].map((body) => refusedPaths(municipal, body));

    // Assess
    expect(paths).toEqual([['voters'], ['candidateVotes.C1'], ['preferenceVotes.L1-1']]);
  });

  it('given exactly 10,000,000 and zero, when parsed, then both bounds are accepted', () => {
    // Prepare
    const body = { ...squareMunicipalResults(), voters: MAX_COUNT, blankBallots: 0 };

    // Act
    const paths = refusedPaths(municipal, body);

    // Assess
    expect(paths).toEqual([]);
  });

  it('given an unknown top-level key, when parsed, then it is refused', () => {
    // Prepare
    const body = { ...squareMunicipalResults(), nullBallots: 7 };

    // Act
    const parsed = municipal.safeParse(body);

    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.code)).toEqual(['unrecognized_keys']);
  });

  it('given a count without candidateVotes or voters, when parsed, then it is refused', () => {
    // Prepare
    const { candidateVotes, voters, ...body } = squareMunicipalResults();

    // Act
    const paths = refusedPaths(municipal, body);

    // Assess
    expect(paths.sort()).toEqual(['candidateVotes', 'voters']);
  });

  it('given a referendum body for a municipal election, when parsed by resultsSchemaFor, then it is refused', () => {
    // Prepare
    const schema = resultsSchemaFor(municipalHead());

    // Act
    const parsed = schema.safeParse(squareReferendumResults());

    // Assess
    expect(parsed.success).toBe(false);
  });
});

describe('referendumResultsSchema: the shape of a referendum count', () => {
  it('given an answer for every question, when parsed, then it is accepted unchanged', () => {
    // Prepare
    const body = squareReferendumResults();

    // Act
    const parsed = referendum.parse(body);

    // Assess
    expect(parsed).toEqual(body);
  });

  it('given an unknown question id, when parsed, then it is refused', () => {
    // Prepare
    const body = squareReferendumResults();
    body.answers.Q9 = { yes: 1, no: 1 };

    // Act
    const paths = refusedPaths(referendum, body);

    // Assess
    expect(paths).toEqual(['answers.Q9']);
  });

  it('given a question without an answer, when parsed, then it is refused', () => {
    // Prepare
    const body = squareReferendumResults();
    delete body.answers.Q2;

    // Act
    const paths = refusedPaths(referendum, body);

    // Assess
    expect(paths).toEqual(['answers.Q2']);
  });

  it.each([
    ['a negative count', -1],
    ['a fractional count', 0.5],
    ['a count above 10,000,000', MAX_COUNT + 1],
  ])('given %s as a yes or as blank ballots, when parsed, then each is refused', (_, value) => {
    // Prepare
    const asYes = {
      ...squareReferendumResults(),
      answers: { Q1: { yes: value, no: 250 }, Q2: { yes: 280, no: 270 } },
    };
    const asBlank = { ...squareReferendumResults(), blankBallots: value };

    // Act
    const paths = [asYes, asBlank].map((body) => refusedPaths(referendum, body));

    // Assess
    expect(paths).toEqual([['answers.Q1.yes'], ['blankBallots']]);
  });

  it('given an unknown key at the top level or inside an answer, when parsed, then each is refused', () => {
    // Prepare
    const topLevel = { ...squareReferendumResults(), candidateVotes: {} };
    const inAnswer = {
      ...squareReferendumResults(),
      answers: { Q1: { yes: 300, no: 250, maybe: 1 }, Q2: { yes: 280, no: 270 } },
    };

    // Act
    const verdicts = [topLevel, inAnswer].map((body) => referendum.safeParse(body).success);

    // Assess
    expect(verdicts).toEqual([false, false]);
  });
});

describe('TurnoutReadingSchema and StoredResultsSchema', () => {
  it('given readings with and without the split by sex, when parsed, then they are accepted; extra keys and negatives are not', () => {
    // Act
    const verdicts = [
      { voters: 189 },
      { voters: 189, votersMale: 90, votersFemale: 99 },
      { voters: 189, slot: 'T1' },
      { voters: -1 },
      { voters: 1.5 },
    ].map((body) => TurnoutReadingSchema.safeParse(body).success);

    // Assess
    expect(verdicts).toEqual([true, true, false, false, false]);
  });

  it('given stored bodies of either kind, when read back, then both parse and the municipal defaults apply', () => {
    // Prepare
    const { candidateOnlyVotes, preferenceVotes, ...municipalBody } = squareMunicipalResults();

    // Act
    const storedMunicipal = StoredResultsSchema.parse(municipalBody);
    const storedReferendum = StoredResultsSchema.parse(squareReferendumResults());

    // Assess
    expect(storedMunicipal).toEqual({ ...municipalBody, candidateOnlyVotes: {}, preferenceVotes: {} });
    expect(storedReferendum).toEqual(squareReferendumResults());
  });
});
