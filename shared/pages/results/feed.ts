/**
 * The election's Atom feed (`/results/{e}/feed.xml`, RFC 4287): one entry per published seq, the
 * latest first, saying in Italian which sections were added or corrected and why every figure
 * that went down did. Pure: the summary and the publishes' digests in, XML out.
 */
import type { RecentChanges, Summary } from '../../domain/summary.js';
import { escapeHtml } from '../html.js';
import { deltasText, downText, type FigureNames, itemLabel, whyDown } from './changes.js';
import { formatsOf } from './formats.js';
import { MESSAGES } from './messages.js';

/** Entries a feed keeps: the latest publishes. */
export const FEED_ENTRIES = 50;

/** An entry's id: a tag URI (RFC 4151) naming the election and the seq; it never changes. */
export const feedEntryId = (electionId: string, seq: number, generatedAt: string) =>
  `tag:election-night,${generatedAt.slice(0, 4)}:${electionId}:seq:${seq}`;

/** The sections of a digest's entries of `kinds`, per item: "1, 2" for the count, "3" for a reading. */
function sectionsByItem(digest: RecentChanges, kinds: string[]): Map<string, string[]> {
  const byItem = new Map<string, string[]>();
  for (const entry of digest.entries) {
    if (entry.sectionId === null || !kinds.includes(entry.kind)) continue;
    const sections = byItem.get(entry.item) ?? [];
    if (!sections.includes(entry.sectionId)) sections.push(entry.sectionId);
    byItem.set(entry.item, sections);
  }
  return byItem;
}

const itemPhrase = (item: string) =>
  item === 'results' ? 'scrutinio' : `affluenza ${item.replace(/^turnout\//, '')}`;

/**
 * An entry's text, in Italian: the sections added and corrected, then each entry with the figures
 * it moved, and for each figure that went down, why.
 */
export function feedEntryText(digest: RecentChanges, names: FigureNames): string {
  const t = MESSAGES.it.changes;
  const f = formatsOf('it');
  const lines: string[] = [];
  for (const [item, sections] of sectionsByItem(digest, ['added', 'restored']))
    lines.push(`Sezioni aggiunte (${itemPhrase(item)}): ${sections.join(', ')}.`);
  for (const [item, sections] of sectionsByItem(digest, ['corrected', 'withdrawn', 'repaired']))
    lines.push(`Sezioni corrette (${itemPhrase(item)}): ${sections.join(', ')}.`);
  for (const entry of digest.entries) {
    lines.push(`${itemLabel(entry, 'it')} (${t.kind[entry.kind]}): ${deltasText(entry, names, 'it')}.`);
    const down = downText(entry, names, 'it');
    const allDown = Object.values(entry.delta).every((value) => value < 0);
    if (down && allDown) lines.push(`In calo. Perché: ${whyDown(entry, 'it')}.`);
    else if (down) lines.push(`In calo: ${down}. Perché: ${whyDown(entry, 'it')}.`);
  }
  if (digest.entries.length === 0) lines.push('Nessun dato dei totali è cambiato.');
  if (digest.omitted > 0) lines.push(`${t.omitted(f.count(digest.omitted))}: vedi l’elenco completo.`);
  lines.push(`${t.fullList}: ${digest.changes}`);
  return lines.join('\n');
}

/** The feed, from the summary it goes out with and the digests of the latest publishes. */
export function renderFeed(summary: Summary, digests: readonly RecentChanges[]): string {
  const x = escapeHtml;
  const latest = [...digests].sort((a, b) => b.seq - a.seq).slice(0, FEED_ENTRIES);
  const root = `/results/${summary.electionId}`;
  const entries = latest.map(
    (digest) => `<entry>
<id>${x(feedEntryId(summary.electionId, digest.seq, digest.generatedAt))}</id>
<title>${x(`Aggiornamento n. ${digest.seq}`)}</title>
<updated>${x(digest.generatedAt)}</updated>
<link rel="alternate" type="application/json" href="${x(digest.changes)}"/>
<content type="text">${x(feedEntryText(digest, summary))}</content>
</entry>`,
  );
  const updated = latest[0]?.generatedAt ?? summary.generatedAt;
  // The feed's id never changes: its year is the election's (the close of the polls, else a reading's).
  const year = (
    summary.countsFrom ??
    summary.turnout.find((slot) => slot.at)?.at ??
    summary.generatedAt
  ).slice(0, 4);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="it">
<id>${x(`tag:election-night,${year}:${summary.electionId}`)}</id>
<title>${x(`${summary.name}${summary.rehearsal ? ' (PROVA)' : ''} — aggiornamenti`)}</title>
<updated>${x(updated)}</updated>
<author><name>${x(`Comune di ${summary.municipality.name}`)}</name></author>
<link rel="self" type="application/atom+xml" href="${x(`${root}/feed.xml`)}"/>
<link rel="alternate" type="text/html" href="${x(`${root}/`)}"/>
${entries.join('\n')}
</feed>
`;
}
