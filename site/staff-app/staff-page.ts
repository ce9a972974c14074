/**
 * The staff page's one screen, from the election overview: what is flagged (with its checks
 * and the approve / reopen actions), what has not been reported per turnout slot and for the
 * count, the quarantined stream records, the exports and certification. Pure: data in, HTML out.
 */
import type { FailedCheck } from '../../shared/domain/checks.js';
import { isCounted, type SubmissionStatus } from '../../shared/domain/status.js';
import { escapeHtml } from '../../shared/pages/html.js';

interface ItemView {
  status: string;
  version: number;
  checks: FailedCheck[];
  submittedAt: string;
}

export interface Overview {
  electionId: string;
  name: string;
  rehearsal: boolean;
  state: 'open' | 'certified';
  turnoutSlots: { id: string; label: string }[];
  sections: {
    id: string;
    name: string;
    district?: string;
    results: ItemView | null;
    turnout: Record<string, ItemView>;
  }[];
}

export interface QuarantinedView {
  consumer: string;
  eventId: string;
  reason: string;
}

/** Every flagged item: a count or a turnout reading, with the section it belongs to. */
export function flaggedItems(overview: Overview) {
  return overview.sections.flatMap((section) => [
    ...(section.results?.status === 'flagged' ? [{ section, slotId: undefined, item: section.results }] : []),
    ...overview.turnoutSlots.flatMap((slot) => {
      const item = section.turnout[slot.id];
      return item?.status === 'flagged' ? [{ section, slotId: slot.id, item }] : [];
    }),
  ]);
}

const reopenedMark = (item: ItemView | null | undefined) =>
  item?.status === 'reopened' ? ' (riaperta)' : '';

const sectionName = (s: { name: string; district?: string }) =>
  `${escapeHtml(s.name)}${s.district ? ` <span class="muted">${escapeHtml(s.district)}</span>` : ''}`;

function renderFlagged(overview: Overview): string {
  const items = flaggedItems(overview);
  if (!items.length) return '<p class="ok">Nessun dato da verificare.</p>';
  const certified = overview.state === 'certified';
  return `<ul class="outbox">${items
    .map(({ section, slotId, item }, index) => {
      const what = slotId
        ? `Affluenza ${escapeHtml(overview.turnoutSlots.find((s) => s.id === slotId)?.label ?? slotId)}`
        : 'Scrutinio';
      const checks = item.checks
        .map(
          (c) =>
            `<li class="${c.severity === 'error' ? 'error' : 'warning'}">${escapeHtml(c.message.it)}</li>`,
        )
        .join('');
      const id = `flagged-${index}`;
      return `<li class="outbox-stale" data-flagged="${escapeHtml(section.id)}${slotId ? `:${escapeHtml(slotId)}` : ''}">
<h3 id="${id}">${sectionName(section)} — ${what} (versione ${item.version})</h3><ul class="checks">${checks}</ul>
<form class="review" data-form="review" data-section="${escapeHtml(section.id)}"${slotId ? ` data-slot="${escapeHtml(slotId)}"` : ''} aria-describedby="${id}">
<fieldset${certified ? ' disabled' : ''}><legend>Decisione</legend>
<label class="inline"><input type="radio" name="decision" value="approve" required> Approva: entra nei risultati</label>
<label class="inline"><input type="radio" name="decision" value="reopen" required> Riapri: il seggio invia di nuovo</label>
<div class="field"><label for="reason-${index}">Motivo (resta nella storia della sezione)</label><input id="reason-${index}" name="reason" required maxlength="500" autocomplete="off"></div>
<button type="submit">Conferma la decisione</button></fieldset>
</form></li>`;
    })
    .join('')}</ul>`;
}

/** Not there yet: never sent, or reopened by staff and waiting for the section to send again. */
const isMissing = (item: ItemView | null | undefined) => !item || item.status === 'reopened';

function renderMissing(overview: Overview): string {
  const rows = [
    ...overview.turnoutSlots.map((slot) => ({
      label: `Affluenza ${slot.label}`,
      missing: overview.sections.filter((s) => isMissing(s.turnout[slot.id])),
    })),
    { label: 'Scrutinio', missing: overview.sections.filter((s) => isMissing(s.results)) },
  ];
  const total = overview.sections.length;
  return `<table><caption>Sezioni che non hanno ancora inviato</caption><thead><tr><th scope="col">Dato</th><th scope="col" class="num">Mancano</th><th scope="col">Sezioni</th></tr></thead><tbody>${rows
    .map(
      (row) =>
        `<tr><th scope="row">${escapeHtml(row.label)}</th><td class="num">${row.missing.length} su ${total}</td><td>${
          row.missing.length > 40
            ? `${row.missing
                .slice(0, 40)
                .map((s) => escapeHtml(s.id))
                .join(', ')} e altre ${row.missing.length - 40}`
            : row.missing
                .map(
                  (s) =>
                    `${escapeHtml(s.id)}${reopenedMark(row.label === 'Scrutinio' ? s.results : undefined)}`,
                )
                .join(', ') || '—'
        }</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function renderQuarantine(records: QuarantinedView[] | undefined): string {
  if (!records) return '<p class="error">La quarantena non si è potuta leggere: premete Aggiorna.</p>';
  if (!records.length) return '<p class="ok">Nessun record in quarantena.</p>';
  return `<p class="error">${records.length} record del flusso non leggibili, conservati interi: segnalateli ai tecnici.</p><ul>${records
    .map(
      (r) =>
        `<li><code>${escapeHtml(r.consumer)} ${escapeHtml(r.eventId)}</code>: ${escapeHtml(r.reason.slice(0, 300))}</li>`,
    )
    .join('')}</ul>`;
}

/** Section numbers in their natural order (2 before 10), whatever order the table keeps them in. */
const byNumber = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id, 'it', { numeric: true });

export function renderStaffPage(
  unsorted: Overview,
  quarantine: QuarantinedView[] | undefined,
  notice = '',
): string {
  const overview = { ...unsorted, sections: [...unsorted.sections].sort(byNumber) };
  const flagged = flaggedItems(overview).length;
  const reported = overview.sections.filter(
    (s) => s.results && isCounted(s.results.status as SubmissionStatus),
  ).length;
  const certified = overview.state === 'certified';
  return `${overview.rehearsal ? '<p class="rehearsal-banner" role="note">PROVA — elezione di prova</p>' : ''}
<header class="bar"><div class="actions"><button type="button" id="reload" data-action="reload" class="secondary">Aggiorna</button><button type="button" id="sign-out" data-action="sign-out" class="secondary">Esci</button></div>
<h1 id="page-title" tabindex="-1">${escapeHtml(overview.name)}</h1>
<p class="muted">${certified ? '<strong>Risultati proclamati</strong>: nessuna modifica è più possibile.' : 'Elezione aperta.'} Scrutini inseriti: ${reported} su ${overview.sections.length}; da verificare: ${flagged}.</p>
${notice ? `<p class="notice">${escapeHtml(notice)}</p>` : ''}</header>
<section aria-labelledby="h-flagged"><h2 id="h-flagged" tabindex="-1">Da verificare (${flagged})</h2>${renderFlagged(overview)}</section>
<section aria-labelledby="h-missing"><h2 id="h-missing">Sezioni mancanti</h2>${renderMissing(overview)}</section>
<section aria-labelledby="h-quarantine"><h2 id="h-quarantine">Quarantena del flusso</h2>${renderQuarantine(quarantine)}</section>
<section aria-labelledby="h-codes"><h2 id="h-codes">Codici dei seggi</h2>
<form data-form="codes" class="card"><p>Un nuovo codice sostituisce il precedente, che smette subito di valere. I codici si vedono una volta sola: il foglio da stampare si scarica subito, con il link e il QR code di ogni sezione.</p>
<div class="field"><label for="codes-sections">Sezioni (per esempio 1, 2, 15; oppure «tutte»)</label><input id="codes-sections" name="sections" autocomplete="off" required></div>
<fieldset${certified ? ' disabled' : ''}><legend>Operazione</legend>
<label class="inline"><input type="radio" name="operation" value="issue" required> Emetti nuovi codici e scarica il foglio da stampare</label>
<label class="inline"><input type="radio" name="operation" value="revoke" required> Revoca i codici (nessuno li potrà più usare)</label>
<button type="submit">Conferma</button></fieldset></form></section>
<section aria-labelledby="h-exports"><h2 id="h-exports">Dati</h2><div class="actions start"><button type="button" data-action="export" data-format="csv" class="secondary">Scarica CSV</button><button type="button" data-action="export" data-format="json" class="secondary">Scarica JSON</button><button type="button" data-action="export" data-format="cdf" class="secondary">Scarica NIST CDF</button><button type="button" data-action="audit" class="secondary">Scarica il registro delle operazioni</button></div></section>
<section aria-labelledby="h-certify"><h2 id="h-certify">Proclamazione</h2>${
    certified
      ? '<p>L’elezione è certificata.</p>'
      : `<form data-form="certify" class="card"><p>Certificare blocca ogni modifica e la pagina pubblica dice «Risultati ufficiali proclamati». Per confermare scrivete l’identificativo dell’elezione: <code>${escapeHtml(overview.electionId)}</code></p><div class="field"><label for="certify-confirm">Identificativo</label><input id="certify-confirm" name="confirm" autocomplete="off" required></div><button type="submit">Certifica l’elezione</button></form>`
  }</section>`;
}
