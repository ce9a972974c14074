/**
 * Lambda's event filtering, as an event source mapping applies its FilterCriteria before invoking
 * (the subset the template's patterns use: nested objects whose leaves list the allowed values, a
 * literal or `{ "prefix": ... }`, and `{ "exists": ... }`). A record passes when any filter's
 * pattern matches it; with no filters every record passes. An operator this does not know fails
 * loudly, so a pattern the local stack cannot judge is never taken as matching.
 */
type Matcher = string | number | boolean | null | { prefix: string } | { exists: boolean };
type Pattern = { [key: string]: Pattern | Matcher[] };

function leafMatches(matchers: Matcher[], value: unknown, present: boolean): boolean {
  return matchers.some((matcher) => {
    if (matcher === null || typeof matcher !== 'object') return present && value === matcher;
    if ('prefix' in matcher) return typeof value === 'string' && value.startsWith(matcher.prefix);
    if ('exists' in matcher) return matcher.exists === present;
    throw new Error(`filter operator ${JSON.stringify(matcher)} is not supported by the local stream reader`);
  });
}

export function matchesPattern(pattern: Pattern, value: unknown): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    const present = typeof value === 'object' && value !== null && key in value;
    const field = present ? (value as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(expected)) return leafMatches(expected, field, present);
    return present && matchesPattern(expected, field);
  });
}

/** Whether a record passes a mapping's filters (each a pattern as JSON text, as the template holds it). */
export function passesFilters(patterns: readonly string[], record: unknown): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((pattern) => matchesPattern(JSON.parse(pattern) as Pattern, record));
}
