import { describe, expect, it } from 'vitest';
import { resultsSchemaFor } from '../../shared/domain/submission-bodies.js';
import { buildSummary } from '../../shared/domain/summary.js';
import { counter, sumTallies, tallyOfResults } from '../../shared/domain/tally.js';
import { renderResultsPage } from '../../shared/pages/results/render.js';
import { firstRoundCounts, firstRoundDefinition, runoffDefinition } from '../helpers/runoff-elections.js';
import { headOf, summaryContext } from './fixtures.js';

const ASSETS = { resultsScript: '', resultsStyle: '' };
const firstHead = () => headOf(firstRoundDefinition());
const firstTotal = () =>
  sumTallies(firstRoundCounts.map((c) => tallyOfResults(resultsSchemaFor(firstHead()).parse(c), 6_500)));

describe('the results page of a run-off and of its first round', () => {
  it('given a counted run-off, when rendered, then it names the elected mayor, shows the council by the first round names and links the first round', () => {
    const summary = buildSummary(
      headOf(runoffDefinition()),
      { [counter.sections]: 2, [counter.candidate('C1')]: 5_100, [counter.candidate('C2')]: 4_900 },
      { ...summaryContext(), firstRound: { head: firstHead(), total: firstTotal() } },
    );
    const it = renderResultsPage(summary, { language: 'it', location: 'election', assets: ASSETS });
    expect(it).toContain('<a href="/results/first-2026/">Il primo turno: Comunali 2026, primo turno</a>');
    expect(it).toContain('Giorgio Fede');
    // C3 ran at the first round only: his seat and his list's are on the run-off's council.
    expect(it).toContain('Bruno Terzi');
    expect(it).toContain('Lista Quattro');
    const en = renderResultsPage(summary, { language: 'en', location: 'election', assets: ASSETS });
    expect(en).toContain('href="/results/first-2026/index.en.html"');
  });

  it('given a first round whose run-off is defined, when rendered, then it links the run-off; without one, it does not', () => {
    const linked = buildSummary(firstHead(), firstTotal(), { ...summaryContext(), runoffId: 'runoff-2026' });
    expect(renderResultsPage(linked, { language: 'it', location: 'election', assets: ASSETS })).toContain(
      '<a href="/results/runoff-2026/">Il ballottaggio: risultati</a>',
    );
    const alone = buildSummary(firstHead(), firstTotal(), summaryContext());
    expect(renderResultsPage(alone, { language: 'it', location: 'election', assets: ASSETS })).not.toContain(
      'round-link',
    );
  });
});
