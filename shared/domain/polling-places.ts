/**
 * The polling places of an election, for the results page's map: the sections that give a
 * location, grouped by where they vote (several sections often share a school). Pure.
 */

/** One polling place: where it is, its name when the definition gives one, and its sections. */
export interface PollingPlace {
  lat: number;
  lon: number;
  place: string | null;
  sectionIds: string[];
}

/**
 * The most places, and located sections, a map shows: a town's, not a city's or a country's, so
 * the page stays within its first-load budget (each section is a link of the map's list) and the
 * election's head, which carries them, a small item. Past either there is no map; the
 * drill-down remains.
 */
export const MAX_MAP_PLACES = 120;
export const MAX_MAP_SECTIONS = 600;

interface LocatedSection {
  id: string;
  location?: { lat: number; lon: number; place?: string | undefined } | undefined;
}

/** Places in the order of their first section; none when no section, or too many places, are located. */
export function pollingPlacesOf(sections: readonly LocatedSection[]): PollingPlace[] {
  const places = new Map<string, PollingPlace>();
  let located = 0;
  for (const { id, location } of sections) {
    if (!location) continue;
    if (++located > MAX_MAP_SECTIONS) return [];
    const key = `${location.lat},${location.lon},${location.place ?? ''}`;
    const known = places.get(key);
    if (known) known.sectionIds.push(id);
    else
      places.set(key, {
        lat: location.lat,
        lon: location.lon,
        place: location.place ?? null,
        sectionIds: [id],
      });
    if (places.size > MAX_MAP_PLACES) return [];
  }
  return [...places.values()];
}
