/**
 * The drill-down: find a section by number, or the sections of a district, and show its
 * published file. Sections that have published nothing yet are found in the public definition.
 */
import type { PublicSectionFile } from '../../shared/domain/public-files.js';
import type { Summary } from '../../shared/domain/summary.js';
import { escapeHtml } from './html.js';
import { type Language, MESSAGES } from './messages.js';
import { renderSectionDetail } from './section-view.js';

/** The public definition's sections: all the drill-down needs from it. */
interface DefinitionSection {
  id: string;
  name: string;
  district?: string;
  registeredVoters: number;
}

export interface DrillDownPorts {
  language: Language;
  sectionUrl(sectionId: string): string;
  currentSummary(): Promise<Summary>;
  /** JSON at a path of the site; undefined when the file does not exist (yet). */
  getJson<T>(path: string): Promise<T | undefined>;
}

const SECTION_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_MATCHES = 60;

/** Case and accents do not matter: "colline" finds "Collìne". */
export const normalized = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();

/** The sections a query names: the section with that number, else those whose district or name contain it. */
export function matchSections(sections: DefinitionSection[], query: string): DefinitionSection[] {
  const exact = sections.filter((s) => s.id === query.trim());
  if (exact.length) return exact;
  const q = normalized(query);
  if (!q) return [];
  return sections.filter((s) => normalized(s.district ?? '').includes(q) || normalized(s.name).includes(q));
}

export function wireDrillDown(form: HTMLFormElement, output: HTMLElement, ports: DrillDownPorts) {
  const t = MESSAGES[ports.language];
  let definition: Promise<DefinitionSection[]> | undefined;
  const sectionsOf = (summary: Summary) => {
    definition ??= ports
      .getJson<{ sections: DefinitionSection[] }>(summary.links.definition)
      .then((d) => d?.sections ?? [])
      .catch((error: unknown) => {
        definition = undefined;
        throw error;
      });
    return definition;
  };

  async function show(section: DefinitionSection, summary: Summary) {
    const file =
      (await ports.getJson<PublicSectionFile>(ports.sectionUrl(section.id))) ??
      ({
        electionId: summary.electionId,
        rehearsal: summary.rehearsal,
        section,
        turnout: [],
        status: 'not-reported',
        results: null,
        version: null,
        updatedAt: null,
      } satisfies PublicSectionFile);
    output.innerHTML = renderSectionDetail(file, summary, ports.language);
    output.querySelector<HTMLElement>('#h-section')?.focus();
  }

  async function search(query: string) {
    output.textContent = t.drillDownSearching;
    const summary = await ports.currentSummary();
    // A section number: its file alone answers, without loading the whole definition.
    if (SECTION_ID.test(query)) {
      const file = await ports.getJson<PublicSectionFile>(ports.sectionUrl(query));
      if (file) {
        output.innerHTML = renderSectionDetail(file, summary, ports.language);
        return;
      }
    }
    const matches = matchSections(await sectionsOf(summary), query);
    const [only] = matches;
    if (matches.length === 1 && only) return show(only, summary);
    if (!matches.length) {
      output.innerHTML = `<p>${escapeHtml(t.drillDownNotFound(query))}</p>`;
      return;
    }
    const buttons = matches
      .slice(0, MAX_MATCHES)
      .map(
        (s) =>
          `<li><button type="button" data-section="${escapeHtml(s.id)}">${escapeHtml(s.name)}${s.district ? ` — ${escapeHtml(s.district)}` : ''}</button></li>`,
      )
      .join('');
    output.innerHTML = `<p>${escapeHtml(t.drillDownMatches(matches.length, query))}</p><ul class="matches">${buttons}</ul>`;
    output.querySelectorAll<HTMLButtonElement>('button[data-section]').forEach((button) => {
      button.addEventListener('click', () => {
        const section = matches.find((s) => s.id === button.dataset.section);
        if (section) void show(section, summary).catch(failed);
      });
    });
  }

  const failed = () => {
    output.innerHTML = `<p>${escapeHtml(t.drillDownFailed)}</p>`;
  };

  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = String(new FormData(form).get('q') ?? '').trim();
    if (query) void search(query).catch(failed);
  });
}
