/**
 * Facet options for search pages, in an order that does not move while a person clicks.
 *
 * A facet lists every value that exists for the current words (the "base" counts: the text query
 * with no filters), ordered by that base count, most common first, then by value. The number next
 * to each option is the count under the current filters. Because the order and the set of options
 * depend only on the words typed, ticking an option never re-sorts or removes the others, so a
 * second click lands where the person aimed.
 */
export interface FacetOption {
  value: string;
  count: number;
}

export function facetOptions(
  base: Record<string, number> | undefined,
  current: Record<string, number> | undefined,
  selected: readonly string[],
): FacetOption[] {
  const b = base ?? {};
  const c = current ?? {};
  const values = Object.keys(b)
    .filter((v) => (b[v] ?? 0) > 0)
    .sort((x, y) => (b[y] ?? 0) - (b[x] ?? 0) || (x < y ? -1 : x > y ? 1 : 0));
  const seen = new Set(values);
  // A value in the URL that no document has for these words (a bookmarked filter): still listed, so it can be unticked.
  for (const s of [...selected].sort()) {
    if (seen.has(s)) continue;
    values.push(s);
    seen.add(s);
  }
  return values.map((value) => ({ value, count: c[value] ?? 0 }));
}

/** How many options a facet shows before "Show more". */
export const FACET_VISIBLE = 8;
