/**
 * The polling places on a map, pre-rendered: an SVG of projected points (equirectangular,
 * longitudes scaled by the cosine of the middle latitude, exact enough at a town's scale), each
 * numbered and linked to its entry of the plain list beside it, whose section links open the
 * drill-down (with JavaScript) or the section's open-data file (without). No tiles, no request
 * beyond the page. Nothing when the definition locates no section.
 */
import type { PollingPlace } from '../../../domain/polling-places.js';
import type { Summary } from '../../../domain/summary.js';
import { escapeHtml } from '../../html.js';
import { type Language, MESSAGES } from '../messages.js';
import { n, picture } from './svg.js';

export const MAP_WIDTH = 400;
export const MAP_HEIGHT = 300;
const PADDING = 24;

export interface MapPoint {
  x: number;
  y: number;
}

/**
 * Each place's point in the map's viewBox: north up, the places' extent fitted inside the
 * padding with one scale for both axes (so distances keep their proportions), centred.
 */
export function projectPlaces(places: readonly { lat: number; lon: number }[]): MapPoint[] {
  if (!places.length) return [];
  const lats = places.map((p) => p.lat);
  const lons = places.map((p) => p.lon);
  const [south, north] = [Math.min(...lats), Math.max(...lats)];
  const [west, east] = [Math.min(...lons), Math.max(...lons)];
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const spanX = (east - west) * k;
  const spanY = north - south;
  const scale = Math.min(
    spanX > 0 ? (MAP_WIDTH - 2 * PADDING) / spanX : Number.POSITIVE_INFINITY,
    spanY > 0 ? (MAP_HEIGHT - 2 * PADDING) / spanY : Number.POSITIVE_INFINITY,
  );
  const s = Number.isFinite(scale) ? scale : 0;
  const offsetX = (MAP_WIDTH - spanX * s) / 2;
  const offsetY = (MAP_HEIGHT - spanY * s) / 2;
  return places.map((p) => ({ x: offsetX + (p.lon - west) * k * s, y: offsetY + (north - p.lat) * s }));
}

/** A place's name: its own, else its sections'. */
function placeName(place: PollingPlace, language: Language): string {
  const t = MESSAGES[language].pictures;
  return place.place ?? place.sectionIds.map(t.section).join(', ');
}

/** The map and its list; `places` from the summary (polling-places.ts). */
export function pollingMap(s: Summary, language: Language): string {
  const places = s.places ?? [];
  if (!places.length) return '';
  const t = MESSAGES[language].pictures;
  const points = projectPlaces(places);
  const marks = places
    .map((place, i) => {
      const p = points[i] as MapPoint;
      const number = i + 1;
      const anchor = p.x > MAP_WIDTH - 60 ? 'end' : 'start';
      const dx = anchor === 'end' ? -9 : 9;
      return `<a href="#place-${number}" aria-label="${escapeHtml(t.place(number, placeName(place, language)))}"><circle cx="${n(p.x)}" cy="${n(p.y)}" r="6" class="map-point"/><text x="${n(p.x + dx)}" y="${n(p.y + 4)}" text-anchor="${anchor}" class="chart-label map-label">${number}</text></a>`;
    })
    .join('');
  const drawing = picture(
    {
      id: 'pic-map',
      title: t.mapTitle,
      description: t.mapDescription(places.length),
      width: MAP_WIDTH,
      height: MAP_HEIGHT,
      role: 'group',
      className: 'chart-map',
    },
    `<rect width="${MAP_WIDTH}" height="${MAP_HEIGHT}" class="map-ground"/>${marks}`,
  );
  const items = places
    .map((place, i) => {
      const links = place.sectionIds
        .map(
          (id) =>
            `<a href="${escapeHtml(`${s.links.sections}${encodeURIComponent(id)}.json`)}" data-section="${escapeHtml(id)}">${escapeHtml(t.section(id))}</a>`,
        )
        .join(', ');
      return `<li id="place-${i + 1}"><strong>${escapeHtml(t.place(i + 1, placeName(place, language)))}</strong>: ${links}</li>`;
    })
    .join('');
  return `<section aria-labelledby="h-places" class="places"><h2 id="h-places">${t.placesCaption}</h2><div class="map-and-list">${drawing}<ol class="place-list">${items}</ol></div></section>`;
}
