import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APP_MESSAGES } from '../../site/officer-app/messages.js';
import { readTally, renderTallyForm, wholeNumber } from '../../site/officer-app/tally-form.js';
import { municipalHead, referendumHead, squareMunicipalResults } from './fixtures.js';

/** The fields of a rendered form, in document order, with their values. */
const fieldsOf = (html: string) =>
  [...html.matchAll(/<input id="[^"]+" name="([^"]+)"[^>]*value="([^"]*)"/g)].map(
    (m) => [m[1] ?? '', m[2] ?? ''] as [string, string],
  );

describe('the tally form', () => {
  it('given a stored count, when rendered and read back, then the body is the stored count', () => {
    // Prepare
    const stored = squareMunicipalResults();

    // Act
    const html = renderTallyForm(municipalHead(), stored, APP_MESSAGES.it);
    const { body, invalid } = readTally(fieldsOf(html));

    // Assess
    expect(invalid).toEqual([]);
    expect(body).toEqual(stored);
  });

  it('given the tally sheet order, when rendered, then ballots come first, then candidates, then lists and their preferences', () => {
    // Act
    const names = fieldsOf(renderTallyForm(municipalHead(), null, APP_MESSAGES.en)).map(([name]) => name);

    // Assess
    expect(names.slice(0, 4)).toEqual(['voters', 'blankBallots', 'invalidBallots', 'contestedBallots']);
    expect(names.indexOf('candidateVotes.C1')).toBeLessThan(names.indexOf('listVotes.L1'));
    expect(names.indexOf('listVotes.L1')).toBeLessThan(names.indexOf('preferenceVotes.L1-1'));
  });

  it('given a referendum, when rendered empty and read, then each question has a yes and a no', () => {
    // Act
    const { body } = readTally(fieldsOf(renderTallyForm(referendumHead(), null, APP_MESSAGES.it)));

    // Assess
    expect(body).toEqual({ answers: { Q1: { yes: 0, no: 0 }, Q2: { yes: 0, no: 0 } } });
  });

  it('given empty fields, when read, then votes count as zero, ballots stay missing and preferences are left out', () => {
    // Act
    const { body } = readTally([
      ['voters', ''],
      ['candidateVotes.C1', ''],
      ['preferenceVotes.L1-1', ''],
    ]);

    // Assess
    expect(body).toEqual({ candidateVotes: { C1: 0 } });
  });

  it('given any text, when read as a whole number, then only plain digits pass', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        const value = wholeNumber(text);
        if (text.trim() === '') return value === undefined;
        return /^[0-9]{1,9}$/.test(text.trim()) ? value === Number(text.trim()) : value === 'invalid';
      }),
    );
    expect(['-1', '1.5', '1e3', '0x10', '１２'].map(wholeNumber)).toEqual(Array(5).fill('invalid'));
  });
});
