/**
 * The public results page, pre-rendered by the publisher from the summary: complete and
 * readable with JavaScript off, in Italian (the English switch and live updates are
 * added by the page's script). Pure: summary in, HTML out.
 */
import type { Summary } from '../../shared/domain/summary.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

const integer = new Intl.NumberFormat('it-IT');
const decimal = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const formatCount = (n: number) => integer.format(n);
const formatPercent = (n: number) => `${decimal.format(n)}%`;

const STATUS_LABEL: Record<Summary['status'], string> = {
  provisional: 'Dati ufficiosi, scrutinio in corso',
  final: 'Dati ufficiosi, scrutinio completato',
  certified: 'Risultati ufficiali proclamati',
};

/** A table with a row header per row; columns in `wide` are left out on narrow screens. */
function table(caption: string, headers: string[], rows: string[][], wide: number[] = []): string {
  const cls = (i: number) => {
    const names = [...(i >= 1 ? ['num'] : []), ...(wide.includes(i) ? ['wide'] : [])];
    return names.length ? ` class="${names.join(' ')}"` : '';
  };
  const head = headers.map((h, i) => `<th scope="col"${cls(i)}>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${cls(i)}>${c}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const bar = (value: number) =>
  `<span class="bar" aria-hidden="true"><span style="width:${Math.max(0, Math.min(100, value)).toFixed(2)}%"></span></span>`;

const STYLE = `
:root{color-scheme:light;--ink:#1a1a1a;--muted:#595959;--accent:#0b5394;--line:#d0d0d0;--warn:#8a1c00}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.5rem;line-height:1.25;margin:1rem 0 .25rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.status{font-weight:600;color:var(--accent)}.muted{color:var(--muted)}
.rehearsal{background:var(--warn);color:#fff;font-weight:700;text-align:center;padding:.5rem;letter-spacing:.05em}
table{width:100%;border-collapse:collapse;margin:.5rem 0 1rem}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{padding:.4rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top;overflow-wrap:break-word}
.linked{display:block;font-weight:400;color:var(--muted);font-size:.9em}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.bar{display:block;height:.4rem;background:#e6e6e6;margin-top:.2rem}.bar span{display:block;height:100%;background:var(--accent)}
@media (max-width:30rem){th,td{padding:.35rem .25rem}body{font-size:15px}.wide{display:none}}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
`;

const OUTCOME_LABEL: Record<Summary['answers'][number]['outcome'], string> = {
  yes: 'Prevale il sì',
  no: 'Prevale il no',
  tie: 'Parità',
  'quorum-not-reached': 'Quorum non raggiunto',
  'no-votes': '—',
};

function renderQuorum(s: Summary): string {
  if (!s.quorum) return '';
  const { requiredPercent, turnoutPercent, reached } = s.quorum;
  return `<p>Quorum: ${formatPercent(requiredPercent)} degli elettori; votanti finora ${formatPercent(turnoutPercent)} — <strong>${reached ? 'raggiunto' : 'non ancora raggiunto'}</strong></p>`;
}

/** The mayor, the run-off or the council seats: labelled a projection until the count is complete. */
function renderSeats(s: Summary, candidateName: Map<string, string>): string {
  const seats = s.seats;
  if (!seats) return '';
  const name = (id: string) => escapeHtml(candidateName.get(id) ?? id);
  const projection = seats.projection ? ' (proiezione sui dati parziali)' : '';
  if (seats.outcome === 'runoff') {
    const [first, second] = seats.runoff.candidateIds;
    return `<section aria-labelledby="h-seats"><h2 id="h-seats">Sindaco${projection}</h2><p>Nessun candidato supera il 50% dei voti validi: <strong>ballottaggio tra ${name(first)} e ${name(second)}</strong>.</p></section>`;
  }
  const listName = new Map(s.lists.map((l) => [l.id, l.name]));
  const coalitions = table(
    `Seggi in consiglio per coalizione${projection}`,
    ['Candidato sindaco', 'Seggi'],
    seats.coalitions.map((c) => [
      `${name(c.candidateId)}${c.majorityBonus ? ' <span class="linked">premio di maggioranza</span>' : ''}`,
      formatCount(c.seats),
    ]),
  );
  const lists = table(
    `Seggi per lista${projection}`,
    ['Lista', 'Seggi'],
    seats.lists
      .filter((l) => l.seats > 0)
      .map((l) => [escapeHtml(listName.get(l.listId) ?? l.listId), formatCount(l.seats)]),
  );
  const defeated = seats.councillorsFromCandidates.length
    ? `<p>Eletti consiglieri in quanto candidati sindaco: ${seats.councillorsFromCandidates.map(name).join(', ')}.</p>`
    : '';
  return `<section aria-labelledby="h-seats"><h2 id="h-seats">Sindaco e consiglio${projection}</h2><p>Sindaco${seats.projection ? ' (proiezione)' : ' eletto'}: <strong>${name(seats.mayor.candidateId)}</strong> con il ${formatPercent(seats.mayor.percent)} dei voti validi.</p>${coalitions}${lists}${defeated}</section>`;
}

export function renderResultsPage(summary: Summary): string {
  const s = summary;
  const updated = new Date(s.generatedAt);
  const rehearsal = s.rehearsal
    ? '<p class="rehearsal" role="note">PROVA — DATI DI TEST, NON SONO RISULTATI REALI</p>'
    : '';
  const turnout = table(
    'Affluenza',
    ['Rilevazione', 'Sezioni', 'Votanti', 'Elettori', '%'],
    s.turnout.map((t) => [
      escapeHtml(t.label),
      `${formatCount(t.sectionsReported)}/${formatCount(s.sections.total)}`,
      formatCount(t.voters),
      formatCount(t.registeredVoters),
      formatPercent(t.percent),
    ]),
    [3],
  );
  const candidates = s.candidates.length
    ? table(
        `Candidati sindaco — sezioni ${s.sections.reported} su ${s.sections.total}`,
        ['Candidato', 'Voti', '%'],
        s.candidates.map((c) => [
          `${escapeHtml(c.name)}${bar(c.percent)}`,
          formatCount(c.votes),
          formatPercent(c.percent),
        ]),
      )
    : '';
  const candidateName = new Map(s.candidates.map((c) => [c.id, c.name]));
  const lists = s.lists.length
    ? table(
        `Liste — sezioni ${s.sections.reported} su ${s.sections.total}`,
        ['Lista', 'Voti', '%'],
        s.lists.map((l) => [
          `${escapeHtml(l.name)}<span class="linked">${escapeHtml(candidateName.get(l.candidateId) ?? '')}</span>${bar(l.percent)}`,
          formatCount(l.votes),
          formatPercent(l.percent),
        ]),
      )
    : '';
  const answers = s.answers.length
    ? table(
        `Quesiti — sezioni ${s.sections.reported} su ${s.sections.total}`,
        ['Quesito', 'Sì', 'No', '% Sì', '% No', 'Esito'],
        s.answers.map((a) => [
          escapeHtml(a.text),
          formatCount(a.yes),
          formatCount(a.no),
          formatPercent(a.percentYes),
          formatPercent(a.percentNo),
          OUTCOME_LABEL[a.outcome],
        ]),
      )
    : '';
  const seatsSection = renderSeats(s, candidateName);
  const totals = table(
    `Schede — sezioni ${s.sections.reported} su ${s.sections.total}`,
    ['Voce', 'Numero'],
    [
      ['Elettori', formatCount(s.totals.registeredVoters)],
      ['Votanti', formatCount(s.totals.voters)],
      ['Voti validi', formatCount(s.totals.validVotes)],
      ['Schede bianche', formatCount(s.totals.blankBallots)],
      ['Schede nulle', formatCount(s.totals.invalidBallots)],
      ['Schede contestate', formatCount(s.totals.contestedBallots)],
    ],
  );
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(s.name)} — Risultati${s.rehearsal ? ' (PROVA)' : ''}</title>
<meta name="election-id" content="${escapeHtml(s.electionId)}">
<meta name="results-seq" content="${s.seq}">
<style>${STYLE}</style>
</head>
<body>
${rehearsal}
<header>
<h1>${escapeHtml(s.name)}</h1>
<p><span class="status" id="status">${STATUS_LABEL[s.status]}</span> · <span class="muted">Aggiornamento: <time datetime="${escapeHtml(s.generatedAt)}">${escapeHtml(updated.toLocaleString('it-IT', { timeZone: 'Europe/Rome' }))}</time></span></p>
<p id="reported"><strong>Sezioni scrutinate: ${formatCount(s.sections.reported)} su ${formatCount(s.sections.total)}</strong></p>
</header>
<main>
<section aria-labelledby="h-turnout"><h2 id="h-turnout">Affluenza</h2>${turnout}</section>
${candidates || lists ? `<section aria-labelledby="h-results"><h2 id="h-results">Risultati</h2>${candidates}${lists}</section>` : ''}
${seatsSection}
${answers ? `<section aria-labelledby="h-answers"><h2 id="h-answers">Referendum</h2>${renderQuorum(s)}${answers}</section>` : ''}
<section aria-labelledby="h-totals"><h2 id="h-totals">Schede</h2>${totals}</section>
</main>
<footer><p class="muted">Dati aperti: <a href="/results/${escapeHtml(s.electionId)}/latest.json">latest.json</a></p></footer>
</body>
</html>
`;
}
