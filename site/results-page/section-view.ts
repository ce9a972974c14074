/**
 * One section's published file, as the drill-down shows it: its state, turnout readings and
 * count, and its comparison with the previous election, with names taken from the summary. Pure; the file comes from the public site, so every
 * value is read defensively and escaped.
 */
import type { PublicSectionFile } from '../../shared/domain/public-files.js';
import type { Summary } from '../../shared/domain/summary.js';
import { escapeHtml } from '../../shared/pages/html.js';
import { renderSectionComparison } from '../../shared/pages/results/comparison.js';
import { formatsOf } from '../../shared/pages/results/formats.js';
import { type Language, MESSAGES } from '../../shared/pages/results/messages.js';
import { table } from '../../shared/pages/results/tables.js';

type Counts = Record<string, number>;

const countsIn = (value: unknown): Counts =>
  value !== null && typeof value === 'object'
    ? Object.fromEntries(
        Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
      )
    : {};

const numberIn = (value: unknown) => (typeof value === 'number' ? value : 0);

export function renderSectionDetail(file: PublicSectionFile, summary: Summary, language: Language): string {
  const t = MESSAGES[language];
  const f = formatsOf(language);
  const { section } = file;
  const where = [
    ...(section.district ? [`${t.section.district}: ${escapeHtml(section.district)}`] : []),
    `${t.section.registeredVoters}: ${f.count(section.registeredVoters)}`,
  ].join(' · ');
  const state = `${t.section.status[file.status]}${file.version ? ` (${t.section.version(file.version)})` : ''}`;
  const slots = new Map(summary.turnout.map((slot) => [slot.slotId, slot]));
  const turnout = file.turnout.length
    ? table(
        t.section.turnoutCaption,
        t.section.turnoutHeaders,
        file.turnout.map((reading) => [
          f.slot(slots.get(reading.slotId) ?? { label: reading.label, at: null }),
          f.count(reading.voters),
          f.percent(reading.percent),
        ]),
      )
    : '';
  return `<article class="section-detail" aria-labelledby="h-section"><h3 id="h-section" tabindex="-1">${escapeHtml(section.name)}</h3><p class="muted">${where}</p><p><strong>${state}</strong></p>${turnout}${file.results ? renderCount(file.results as Record<string, unknown>, summary, language) : ''}${renderSectionComparison(file.comparison, summary, language)}</article>`;
}

function renderCount(results: Record<string, unknown>, summary: Summary, language: Language): string {
  const t = MESSAGES[language];
  const f = formatsOf(language);
  const voters = numberIn(results.voters);
  const blank = numberIn(results.blankBallots);
  const invalid = numberIn(results.invalidBallots);
  const contested = numberIn(results.contestedBallots);
  const ballots = table(t.section.ballotsCaption, t.ballotHeaders, [
    [t.ballotRows.voters, f.count(voters)],
    [t.ballotRows.validVotes, f.count(voters - blank - invalid - contested)],
    [t.ballotRows.blankBallots, f.count(blank)],
    [t.ballotRows.invalidBallots, f.count(invalid)],
    [t.ballotRows.contestedBallots, f.count(contested)],
  ]);
  const candidateVotes = countsIn(results.candidateVotes);
  const listVotes = countsIn(results.listVotes);
  const candidates = summary.candidates.length
    ? table(
        t.section.candidatesCaption,
        [t.candidateHeaders[0] ?? '', t.section.votes],
        summary.candidates.map((c) => [escapeHtml(c.name), f.count(candidateVotes[c.id] ?? 0)]),
      )
    : '';
  const lists = summary.lists.length
    ? table(
        t.section.listsCaption,
        [t.listHeaders[0] ?? '', t.section.votes],
        summary.lists.map((l) => [escapeHtml(l.name), f.count(listVotes[l.id] ?? 0)]),
      )
    : '';
  const answers = results.answers as Record<string, unknown> | undefined;
  const questions =
    summary.answers.length && answers
      ? table(
          t.section.answersCaption,
          t.answerHeaders.slice(0, 3),
          summary.answers.map((a) => {
            const counts = countsIn(answers[a.questionId]);
            return [escapeHtml(a.text), f.count(counts.yes ?? 0), f.count(counts.no ?? 0)];
          }),
        )
      : '';
  return `${ballots}${candidates}${lists}${questions}`;
}
