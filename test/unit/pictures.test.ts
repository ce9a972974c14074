import { describe, expect, it } from 'vitest';
import { MAX_MAP_PLACES, MAX_MAP_SECTIONS, pollingPlacesOf } from '../../shared/domain/polling-places.js';
import { buildSummary, type Summary } from '../../shared/domain/summary.js';
import { sumTallies, tallyOfResults, tallyOfTurnout } from '../../shared/domain/tally.js';
import { seatPositions } from '../../shared/pages/results/charts/hemicycle.js';
import { colorOf, contrast, outlineOf, PALETTE } from '../../shared/pages/results/charts/palette.js';
import {
  MAP_HEIGHT,
  MAP_WIDTH,
  pollingMap,
  projectPlaces,
} from '../../shared/pages/results/charts/polling-map.js';
import { seatsPicture } from '../../shared/pages/results/charts/seats-picture.js';
import { turnoutChart } from '../../shared/pages/results/charts/turnout-chart.js';
import { candidateBars, listBars } from '../../shared/pages/results/charts/vote-bars.js';
import { renderResultsPage } from '../../shared/pages/results/render.js';
import {
  headOf,
  municipalDefinition,
  parseDefinition,
  squareMunicipalResults,
  summaryContext,
} from './fixtures.js';

type Definition = ReturnType<typeof municipalDefinition>;

function summaryOf(change: (d: Definition) => void = () => {}): Summary {
  const definition = municipalDefinition();
  change(definition);
  const total = sumTallies([
    tallyOfResults(squareMunicipalResults(), 1000),
    tallyOfTurnout('T1', { voters: 189 }, 1000),
  ]);
  return buildSummary(headOf(definition), total, summaryContext());
}

/** The fill of every mark of an SVG, in order. */
const fills = (svg: string) => [...svg.matchAll(/fill="(#[0-9a-fA-F]{6})"/g)].map((m) => m[1]);

/** Every picture's frame: a role, and a title and a description it is labelled by. */
function expectAccessibleFrame(svg: string, id: string, role = 'img') {
  expect(svg).toMatch(new RegExp(`^<svg class="chart [a-z-]+" role="${role}" viewBox="0 0 \\d+ \\d+"`));
  expect(svg).toContain(`aria-labelledby="${id}-title" aria-describedby="${id}-desc"`);
  expect(svg).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title><desc id="${id}-desc">[^<]+</desc>`));
  expect(svg).not.toContain('style=');
}

describe('the palette', () => {
  it('given the default palette, when each colour is set on the white page, then each has at least 4.5:1 contrast and they differ', () => {
    for (const color of PALETTE) expect(contrast(color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(new Set(PALETTE).size).toBe(PALETTE.length);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });

  it('given a colour of the definition, when picked, then it is used; else the palette cycles', () => {
    expect(colorOf('#ffcc00', 3)).toBe('#ffcc00');
    expect(colorOf(undefined, 0)).toBe(PALETTE[0]);
    expect(colorOf(undefined, PALETTE.length + 1)).toBe(PALETTE[1]);
  });

  it('given a pale colour, when drawn, then it gets a dark outline; a dark one none', () => {
    expect(outlineOf('#ffee55')).toContain('stroke="#1a1a1a"');
    expect(outlineOf('#1f5fa8')).toBe('');
  });

  it('given colours in a definition, when parsed, then #rrggbb is taken and anything else refused', () => {
    const good = municipalDefinition();
    good.candidates[0] = { id: 'C1', name: 'Giorgio Fede', color: '#AA3300' };
    expect(parseDefinition(good).candidates[0]?.color).toBe('#AA3300');
    for (const color of ['red', '#abc', '#12345g', 'url(#x)']) {
      const bad = municipalDefinition();
      (bad.lists[0] as { color?: string }).color = color;
      expect(() => parseDefinition(bad), color).toThrow(/#rrggbb/);
    }
  });
});

describe('the candidates’ and lists’ bars', () => {
  const summary = summaryOf((d) => {
    d.candidates = [
      { id: 'C1', name: 'Giorgio Fede', color: '#aa3300' },
      { id: 'C2', name: 'Carla Onesti' },
    ];
    d.lists = d.lists.map((l) => (l.id === 'L2' ? { ...l, color: '#ffee55' } : l));
  });

  it('given a summary, when drawn, then each bar has its name and percentage written, and the figures are in the description', () => {
    // Act
    const svg = candidateBars(summary, 'it');

    // Assess
    expectAccessibleFrame(svg, 'pic-candidates');
    expect(svg).toContain(
      '<title id="pic-candidates-title">Voti ai candidati sindaco, in percentuale</title>',
    );
    expect(svg).toContain('Barre orizzontali: Giorgio Fede 54,55%; Carla Onesti 45,45%.');
    expect(svg).toContain('>Giorgio Fede</text>');
    expect(svg).toContain('>54,55%</text>');
    // The bar's length is its share of the 320 units.
    expect(svg).toContain('width="174.56" height="14" fill="#aa3300"');
  });

  it('given colours set for some, when drawn, then those are used, the others from the palette, a list without one its candidate’s', () => {
    // Act
    const candidates = candidateBars(summary, 'en');
    const lists = listBars(summary, 'en');

    // Assess
    expect(fills(candidates)).toEqual(['#aa3300', PALETTE[1]]);
    expect(fills(lists)).toEqual(['#aa3300', '#ffee55', PALETTE[1]]);
    // The pale yellow list is outlined.
    expect(lists).toMatch(/fill="#ffee55" stroke="#1a1a1a"/);
    expect(lists).toContain('<title id="pic-lists-title">Votes for the lists, as percentages</title>');
  });

  it('given a long name, when drawn, then the bar’s label is cut, the description keeps it whole', () => {
    const long = 'Lista civica per il rinnovamento della città e dei suoi quartieri';
    const svg = listBars(
      summaryOf((d) => {
        (d.lists[0] as { name: string }).name = long;
      }),
      'it',
    );
    expect(svg).toContain(`Barre orizzontali: ${long}`);
    expect(svg).toContain(`>${long.slice(0, 29)}…</text>`);
  });

  it('given markup in a name, when drawn, then it is escaped', () => {
    const svg = candidateBars(
      summaryOf((d) => {
        (d.candidates[0] as { name: string }).name = '<script>x</script>';
      }),
      'it',
    );
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });
});

describe('the council hemicycle', () => {
  it('given seat counts, when placed, then every seat has its place on the half-disc, left to right', () => {
    for (const seats of [1, 7, 16, 24, 32, 48, 100]) {
      const positions = seatPositions(seats);
      expect(positions).toHaveLength(seats);
      for (const p of positions) {
        expect(Math.hypot(p.x, p.y)).toBeLessThanOrEqual(1.0001);
        expect(p.y).toBeGreaterThanOrEqual(-1e-9);
      }
      // Left to right: the angle only decreases along the order.
      const angles = positions.map((p) => Math.atan2(p.y, p.x));
      for (let i = 1; i < angles.length; i++)
        expect(angles[i]).toBeLessThanOrEqual((angles[i - 1] ?? 0) + 1e-9);
    }
  });

  it('given an allocated council, when drawn, then each coalition has its seats in its colour and shape, and a legend names it with its seats', () => {
    // Prepare
    const summary = summaryOf((d) => {
      d.candidates = [
        { id: 'C1', name: 'Giorgio Fede', color: '#aa3300' },
        { id: 'C2', name: 'Carla Onesti' },
      ];
    });
    const coalitions = summary.seats?.outcome === 'allocated' ? summary.seats.coalitions : [];
    const seatsOf = (id: string) => coalitions.find((c) => c.candidateId === id)?.seats ?? -1;

    // Act
    const html = seatsPicture(summary, 'it');
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);

    // Assess
    expectAccessibleFrame(svg, 'pic-seats');
    const groups = [...svg.matchAll(/<g>(.*?)<\/g>/g)].map((m) => m[1] ?? '');
    expect(groups).toHaveLength(2);
    // Giorgio Fede's seats are circles in his colour; Carla Onesti's squares in the palette's second.
    expect(groups[0]?.match(/<circle [^>]*fill="#aa3300"/g)).toHaveLength(seatsOf('C1'));
    expect(groups[1]?.match(new RegExp(`<rect [^>]*fill="${PALETTE[1]}"`, 'g'))).toHaveLength(seatsOf('C2'));
    expect(html).toContain(`Giorgio Fede: ${seatsOf('C1')} seggi`);
    expect(html).toContain(
      `<desc id="pic-seats-desc">Emiciclo di ${seatsOf('C1') + seatsOf('C2')} seggi: Giorgio Fede: ${seatsOf('C1')} seggi; Carla Onesti: ${seatsOf('C2')} seggi.</desc>`,
    );
    expect(html).toMatch(/<figcaption><ul class="legend"><li><svg class="swatch"[^>]*aria-hidden="true"/);
  });

  it('given no votes yet, when drawn, then there is no hemicycle', () => {
    const empty = buildSummary(headOf(municipalDefinition()), {}, summaryContext());
    expect(seatsPicture(empty, 'it')).toBe('');
  });
});

describe('the turnout through the day', () => {
  it('given previous percentages, when drawn, then each reading has a filled bar and an outlined one, both written out, and a legend', () => {
    // Prepare
    const summary = summaryOf((d) => {
      d.previousElection = 'Comunali 2021';
      d.turnoutSlots = d.turnoutSlots.map((slot, i) => ({ ...slot, previousPercent: 15 + i * 20 }));
    });

    // Act
    const svg = turnoutChart(summary, 'it');

    // Assess
    expectAccessibleFrame(svg, 'pic-turnout');
    expect(svg).toContain('>Questa elezione</text>');
    expect(svg).toContain('>Comunali 2021</text>');
    expect(svg).toContain('>18,90%</text>');
    expect(svg).toContain('>15,00%</text>');
    expect(svg).toContain(
      'Domenica ore 12:00 18,90% (Comunali 2021 15,00%); Domenica ore 23:00 0,00% (Comunali 2021 35,00%)',
    );
    // The previous election's bars are outlined, not filled: three readings, three outlines (and the legend's).
    expect(svg.match(/fill="#fff" stroke="#4d4d4d"/g)).toHaveLength(4);
  });

  it('given no previous election, when drawn, then one bar a reading and no legend', () => {
    const svg = turnoutChart(summaryOf(), 'en');
    expect(svg).not.toContain('This election');
    expect(svg).not.toContain('stroke="#4d4d4d"');
    expect(svg).toContain('<title id="pic-turnout-title">Turnout at each reading</title>');
    // In English a reading is named by its weekday and time.
    expect(svg).toMatch(/>Sunday (at )?12:00<\/text>/);
  });
});

describe('the polling places on the map', () => {
  const located = (d: Definition) => {
    d.sections = [
      {
        id: '1',
        name: 'Sezione 1',
        registeredVoters: 1000,
        location: { lat: 45.07, lon: 7.68, place: 'Scuola Verdi' },
      },
      {
        id: '2',
        name: 'Sezione 2',
        registeredVoters: 900,
        location: { lat: 45.07, lon: 7.68, place: 'Scuola Verdi' },
      },
      { id: '3', name: 'Sezione 3', registeredVoters: 800, location: { lat: 45.05, lon: 7.7 } },
      { id: '4', name: 'Sezione 4', registeredVoters: 700 },
    ];
  };

  it('given sections with locations, when grouped, then sections sharing a place are one polling place', () => {
    const summary = summaryOf(located);
    expect(summary.places).toEqual([
      { lat: 45.07, lon: 7.68, place: 'Scuola Verdi', sectionIds: ['1', '2'] },
      { lat: 45.05, lon: 7.7, place: null, sectionIds: ['3'] },
    ]);
  });

  it('given places, when projected, then north is up, east is right, one scale for both axes, inside the map', () => {
    // Act: a square of 0.01° of latitude by 0.01°/cos(45°) of longitude is a square on the ground.
    const k = Math.cos((45 * Math.PI) / 180);
    const points = projectPlaces([
      { lat: 45.01, lon: 7 },
      { lat: 45, lon: 7 + 0.01 / k },
      { lat: 45, lon: 7 },
    ]);

    // Assess
    const [north, east, corner] = points as [
      { x: number; y: number },
      { x: number; y: number },
      { x: number; y: number },
    ];
    expect(north.y).toBeLessThan(corner.y);
    expect(east.x).toBeGreaterThan(corner.x);
    // The square stays square: the cosine of the middle latitude (45.005°) is within 0.01% of cos 45°.
    expect((east.x - corner.x) / (corner.y - north.y)).toBeCloseTo(1, 3);
    for (const p of points) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(MAP_WIDTH);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(MAP_HEIGHT);
    }
    // One place alone is in the middle.
    expect(projectPlaces([{ lat: 45, lon: 7 }])).toEqual([{ x: MAP_WIDTH / 2, y: MAP_HEIGHT / 2 }]);
  });

  it('given places, when drawn, then each point is numbered and linked to its entry of the list, whose sections link to the drill-down', () => {
    // Act
    const html = pollingMap(summaryOf(located), 'it');
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);

    // Assess
    expectAccessibleFrame(svg, 'pic-map', 'group');
    expect(svg).toContain('<a href="#place-1" aria-label="1. Scuola Verdi">');
    expect(svg).toContain('<a href="#place-2" aria-label="2. Sezione 3">');
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toMatch(/>1<\/text><\/a>/);
    expect(html).toContain('<h2 id="h-places">Sedi dei seggi</h2>');
    expect(html).toContain(
      '<li id="place-1"><strong>1. Scuola Verdi</strong>: <a href="/results/test-2026/sections/1.json" data-section="1">Sezione 1</a>, <a href="/results/test-2026/sections/2.json" data-section="2">Sezione 2</a></li>',
    );
    // Nothing is fetched: no tile, no image, no external address.
    expect(html).not.toMatch(/https?:|<image|<img/);
  });

  it('given no section with a location, when the page is rendered, then there is no map', () => {
    const summary = summaryOf();
    expect(summary.places).toBeUndefined();
    expect(pollingMap(summary, 'it')).toBe('');
    expect(renderResultsPage(summary, { language: 'it', location: 'election', assets: {} })).not.toContain(
      'h-places',
    );
  });

  it('given more places, or more located sections, than a map shows, when grouped, then none', () => {
    const spread = (count: number, places: number) =>
      Array.from({ length: count }, (_, i) => ({
        id: String(i),
        location: { lat: 45 + (i % places) / 1000, lon: 7 },
      }));
    expect(pollingPlacesOf(spread(MAX_MAP_PLACES, MAX_MAP_PLACES))).toHaveLength(MAX_MAP_PLACES);
    expect(pollingPlacesOf(spread(MAX_MAP_PLACES + 1, MAX_MAP_PLACES + 1))).toEqual([]);
    expect(pollingPlacesOf(spread(MAX_MAP_SECTIONS, 10))).toHaveLength(10);
    expect(pollingPlacesOf(spread(MAX_MAP_SECTIONS + 1, 10))).toEqual([]);
  });

  it('given a location out of range, when parsed, then refused', () => {
    const bad = municipalDefinition();
    (bad.sections[0] as { location?: unknown }).location = { lat: 91, lon: 7 };
    expect(() => parseDefinition(bad)).toThrow();
  });
});

describe('the pictures on the page', () => {
  it('given a summary, when the page is rendered, then its pictures sit beside their tables, each id once', () => {
    // Act
    const page = renderResultsPage(
      summaryOf((d) => {
        d.sections = d.sections.map((s, i) => ({ ...s, location: { lat: 45 + i / 100, lon: 7 } }));
      }),
      { language: 'it', location: 'election', assets: {} },
    );

    // Assess
    for (const id of ['pic-turnout', 'pic-candidates', 'pic-lists', 'pic-seats', 'pic-map']) {
      expect(page.split(`id="${id}-title"`)).toHaveLength(2);
    }
    expect(page.indexOf('pic-candidates')).toBeLessThan(page.indexOf('<caption>Candidati sindaco'));
    expect(page.indexOf('pic-map')).toBeLessThan(page.indexOf('id="drill"'));
  });
});
