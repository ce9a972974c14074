/**
 * The drill-down: find a section by number, or the sections of a district, and show its
 * published file (also when a section's link on the page, as the map's list has, is followed). Sections that have published nothing yet are found in the public definition.
 */
import type { PublicSectionFile } from '../../shared/domain/public-files.js';
import type { Summary } from '../../shared/domain/summary.js';
import { escapeHtml } from '../../shared/pages/html.js';
import { type Language, MESSAGES } from '../../shared/pages/results/messages.js';
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
  currentSummary(): Promise<Summary>;
  /** JSON at a path of the site; undefined when the file does not exist (yet). */
  getJson<T>(path: string): Promise<T | undefined>;
}

/** What looks like a section number ("12", "12A"): worth asking for its file directly. */
const SECTION_NUMBER = /^[0-9]{1,6}[A-Za-z]?$/;
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

/**
 * Wires the search form. Results go to `output`; short messages go to `status`, a polite live
 * region, so a screen reader hears "searching" and "not found" but not whole tables; a shown
 * section's heading takes the focus instead.
 */
export function wireDrillDown(
  form: HTMLFormElement,
  status: HTMLElement,
  output: HTMLElement,
  ports: DrillDownPorts,
) {
  const t = MESSAGES[ports.language];
  let definition: Promise<DefinitionSection[]> | undefined;
  /** Only the latest search may write: an earlier, slower one is dropped. */
  let latestSearch = 0;

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
  const sectionFile = (summary: Summary, sectionId: string) =>
    ports.getJson<PublicSectionFile>(`${summary.links.sections}${encodeURIComponent(sectionId)}.json`);

  const showFile = (file: PublicSectionFile, summary: Summary) => {
    status.textContent = '';
    output.innerHTML = renderSectionDetail(file, summary, ports.language);
    output.querySelector<HTMLElement>('#h-section')?.focus();
  };

  /** A section from the definition: its published file, or "not yet reported" when it has none. */
  async function show(section: DefinitionSection, summary: Summary, search: number) {
    const file = (await sectionFile(summary, section.id)) ?? {
      electionId: summary.electionId,
      rehearsal: summary.rehearsal,
      section,
      turnout: [],
      status: 'not-reported' as const,
      results: null,
      version: null,
      updatedAt: null,
      log: [],
    };
    if (search === latestSearch) showFile(file, summary);
  }

  async function search(query: string, search: number) {
    const summary = await ports.currentSummary();
    // A section number: its file alone answers, without loading the whole definition.
    if (SECTION_NUMBER.test(query)) {
      const file = await sectionFile(summary, query);
      if (search !== latestSearch) return;
      if (file) return showFile(file, summary);
    }
    const matches = matchSections(await sectionsOf(summary), query);
    if (search !== latestSearch) return;
    const [only] = matches;
    if (matches.length === 1 && only) return show(only, summary, search);
    output.innerHTML = '';
    if (!matches.length) {
      status.textContent = t.drillDownNotFound(query);
      return;
    }
    status.textContent = t.drillDownMatches(matches.length, query);
    const buttons = matches
      .slice(0, MAX_MATCHES)
      .map(
        (s) =>
          `<li><button type="button" data-section="${escapeHtml(s.id)}">${escapeHtml(s.name)}${s.district ? ` — ${escapeHtml(s.district)}` : ''}</button></li>`,
      )
      .join('');
    output.innerHTML = `<ul class="matches">${buttons}</ul>`;
    output.querySelectorAll<HTMLButtonElement>('button[data-section]').forEach((button) => {
      button.addEventListener('click', () => {
        const section = matches.find((s) => s.id === button.dataset.section);
        const click = ++latestSearch;
        if (section) void show(section, summary, click).catch(failed(click));
      });
    });
  }

  const failed = (search: number) => () => {
    if (search === latestSearch) status.textContent = t.drillDownFailed;
  };

  // A section's link (the map's list of polling places) opens it here instead of its JSON file.
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-section]');
    const sectionId = link?.dataset.section;
    if (!sectionId || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const current = ++latestSearch;
    status.textContent = t.drillDownSearching;
    output.closest('section')?.scrollIntoView();
    const open = async () => {
      const summary = await ports.currentSummary();
      const file = await sectionFile(summary, sectionId);
      if (current !== latestSearch) return;
      if (file) return showFile(file, summary);
      const section = (await sectionsOf(summary)).find((s) => s.id === sectionId);
      if (section) return show(section, summary, current);
      if (current === latestSearch) status.textContent = t.drillDownNotFound(sectionId);
    };
    void open().catch(failed(current));
  });

  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = String(new FormData(form).get('q') ?? '').trim();
    if (!query) return;
    const current = ++latestSearch;
    status.textContent = t.drillDownSearching;
    void search(query, current).catch(failed(current));
  });
}
