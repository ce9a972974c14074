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
 * The most places a map shows: a town's or a city's, not a country's (and the election's head,
 * which carries them, stays a small item). Past it there is no map; the drill-down remains.
 */
export const MAX_MAP_PLACES = 300;

interface LocatedSection {
  id: string;
  location?: { lat: number; lon: number; place?: string | undefined } | undefined;
}

/** Places in the order of their first section; none when no section, or too many places, are located. */
export function pollingPlacesOf(sections: readonly LocatedSection[]): PollingPlace[] {
  const places = new Map<string, PollingPlace>();
  for (const { id, location } of sections) {
    if (!location) continue;
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
