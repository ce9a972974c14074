import { describe, expect, it } from 'vitest';
import { buildSummary } from '../../shared/domain/summary.js';
import { sumTallies, tallyOfResults, tallyOfTurnout } from '../../shared/domain/tally.js';
import { renderWidgetPage, WIDGET_REFRESH_S, widgetUrl } from '../../shared/pages/widget/render.js';
import { EMBED_HEADERS, EMBEDDABLE_PATH, headersFor, SECURITY_HEADERS } from '../../site/security-headers.js';
import { headOf, municipalDefinition, squareMunicipalResults, summaryContext } from './fixtures.js';

const sampleSummary = () =>
  buildSummary(
    headOf(municipalDefinition()),
    sumTallies([tallyOfResults(squareMunicipalResults(), 1000), tallyOfTurnout('T1', { voters: 189 }, 1000)]),
    summaryContext(),
  );

describe('the widget other sites embed', () => {
  it('given a summary, when rendered, then it is compact, script-free, refreshes itself, and names the leader first with a link to the full page', () => {
    // Prepare
    const summary = sampleSummary();
    // Act
    const html = renderWidgetPage(summary, { language: 'it', assets: { resultsStyle: '/assets/page.css' } });
    // Assess
    expect(html).not.toContain('<script');
    expect(html).toContain(`<meta http-equiv="refresh" content="${WIDGET_REFRESH_S}">`);
    expect(html).toContain('href="/assets/page.css"');
    expect(html).toContain(`href="/results/${summary.electionId}/index.html" target="_blank" rel="noopener"`);
    const leader = [...summary.candidates].sort((a, b) => b.votes - a.votes)[0];
    const names = [...html.matchAll(/<span class="widget-name">([^<]+)<\/span>/g)].map((m) => m[1]);
    expect(names[0]).toBe(leader?.name);
    expect(names).toHaveLength(summary.candidates.length);
    expect(renderWidgetPage(summary, { language: 'en', assets: {} })).toContain('All the results');
  });

  it('given the widget’s path, then only it may be framed, by any site; every other path refuses framing', () => {
    expect(widgetUrl('demo-2026', 'it')).toBe('/results/demo-2026/widget/index.html');
    expect(EMBEDDABLE_PATH.test(widgetUrl('demo-2026', 'en'))).toBe(true);
    expect(headersFor('/results/demo-2026/widget/')).toBe(EMBED_HEADERS);
    expect(EMBED_HEADERS['content-security-policy']).toContain('frame-ancestors *');
    expect(EMBED_HEADERS['x-frame-options']).toBeUndefined();
    for (const path of [
      '/results/demo-2026/',
      '/index.html',
      '/results/demo-2026/widget',
      '/officer/',
      '/verify/',
    ])
      expect(headersFor(path)).toBe(SECURITY_HEADERS);
    expect(SECURITY_HEADERS['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(SECURITY_HEADERS['x-frame-options']).toBe('DENY');
  });
});
