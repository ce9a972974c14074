/**
 * What the staff page downloads: the exports (CSV, JSON, NIST CDF), the whole audit trail, and
 * the printable sheet of new officer codes. Each file is offered to the browser at once and
 * kept nowhere else.
 */
import { renderOfficerSheet } from '../officer-sheet/render.js';
import { STAFF_MESSAGES } from './messages.js';
import type { Overview } from './overview.js';
import { load } from './session.js';
import { call, electionPath } from './staff-api.js';
import { errorText, type StaffState } from './state.js';

/** Offers a file the browser saves at once (the sheet, an export); nothing else keeps it. */
function saveFile(name: string, blob: Blob) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

export async function downloadExport(state: StaffState, format: string): Promise<void> {
  const electionId = state.overview?.electionId ?? '';
  const answer = await call(`${electionPath(electionId)}/export?format=${format}`);
  if (!answer.file) return load(state, (t) => t.exports.failed(errorText(answer)(t)));
  saveFile(answer.file.name, answer.file.blob);
}

/** The whole audit trail (every write, who, when, what, its hash chain), page by page, as one JSON file. */
export async function downloadAudit(state: StaffState): Promise<void> {
  const electionId = state.overview?.electionId ?? '';
  const entries: unknown[] = [];
  let head: unknown = null;
  for (let after: number | null = 0; after !== null; ) {
    const answer = await call(`${electionPath(electionId)}/audit?after=${after}&limit=1000`);
    if (answer.status !== 200) return load(state, (t) => t.exports.auditFailed(errorText(answer)(t)));
    const page = answer.body as { head: unknown; entries: unknown[]; next: number | null };
    head = page.head;
    entries.push(...page.entries);
    after = page.next;
  }
  const file = JSON.stringify({ electionId, head, entries }, null, 2);
  const name = STAFF_MESSAGES[state.language].exports.auditFile(electionId);
  saveFile(name, new Blob([file], { type: 'application/json' }));
}

/** The printable sheet of codes just issued, one card per section, in the page's language (a job's: one file per part). */
export async function downloadSheet(
  state: StaffState,
  overview: Overview,
  tokens: Record<string, string>,
  part?: { number: number; of: number },
): Promise<void> {
  const byId = new Map(overview.sections.map((s) => [s.id, s]));
  const sheet = await renderOfficerSheet({
    electionName: overview.name,
    rehearsal: overview.rehearsal,
    siteUrl: location.origin,
    language: state.language,
    entries: Object.entries(tokens).map(([sectionId, token]) => {
      const section = byId.get(sectionId);
      return {
        sectionId,
        sectionName: section?.name ?? sectionId,
        ...(section?.district !== undefined ? { district: section.district } : {}),
        token,
      };
    }),
  });
  const t = STAFF_MESSAGES[state.language].codes;
  const name = part
    ? t.sheetPartFile(overview.electionId, part.number, part.of)
    : t.sheetFile(overview.electionId);
  saveFile(name, new Blob([sheet], { type: 'text/html' }));
}
