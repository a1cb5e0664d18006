/**
 * Pure query helpers: Meilisearch filter expressions and settings built from the port's types.
 * No I/O, so the escaping is unit-tested without a server (tests/unit/search-query.test.ts).
 */
import type { Settings } from "meilisearch";
import { DEFAULT_RANKING_RULES, type Filter, fieldOf, type IndexDefinition, SearchQueryError } from "./engine.server";
import { bidirectionalSynonyms, tokenize } from "./text";

const ATTRIBUTE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

function attribute(name: string): string {
  // Field names are validated by validateDefinition; this is defence in depth, because an
  // attribute is the one part of an expression we do not quote.
  if (typeof name !== "string" || !ATTRIBUTE.test(name))
    throw new SearchQueryError(`invalid field name ${JSON.stringify(name)}`, String(name));
  return name;
}

/**
 * A string literal for a Meilisearch filter: double-quoted, with `\` and `"` escaped by a
 * backslash (Meilisearch >= 1.4 unescapes both). Nothing inside the quotes is interpreted, so a
 * value cannot close the literal and add `OR ...`.
 */
export function quoteFilterString(value: string): string {
  if (typeof value !== "string") throw new SearchQueryError(`expected a string, got ${typeof value}`);
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** A number literal without exponent notation (which the filter grammar does not need to parse). */
export function formatFilterNumber(n: number): string {
  if (typeof n !== "number" || !Number.isFinite(n)) throw new SearchQueryError(`expected a finite number, got ${String(n)}`);
  if (Object.is(n, -0)) return "0";
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // expand the shortest round-trip representation "d.ddde±x" into plain decimal digits
  const [mantissa, exponent] = s.split(/e/i);
  const negative = mantissa.startsWith("-");
  const abs = negative ? mantissa.slice(1) : mantissa;
  const dot = abs.indexOf(".");
  const digits = abs.replace(".", "");
  const point = (dot < 0 ? abs.length : dot) + Number(exponent);
  const plain =
    point <= 0
      ? `0.${"0".repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + "0".repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${plain}` : plain;
}

function literal(value: string | number | boolean): string {
  if (typeof value === "string") return quoteFilterString(value);
  if (typeof value === "number") return formatFilterNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  throw new SearchQueryError(`unsupported filter value ${JSON.stringify(value)}`);
}

/** One filter as a Meilisearch expression (parenthesised when it has an AND inside). */
export function meiliFilterExpression(filter: Filter): string {
  const field = attribute(filter.field);
  switch (filter.op) {
    case "eq":
      return `${field} = ${literal(filter.value)}`;
    case "in":
      if (filter.values.length === 0) throw new SearchQueryError(`"in" on "${field}" needs values`, field);
      return `${field} IN [${filter.values.map(quoteFilterString).join(", ")}]`;
    case "all":
      if (filter.values.length === 0) throw new SearchQueryError(`"all" on "${field}" needs values`, field);
      return filter.values.length === 1
        ? `${field} = ${quoteFilterString(filter.values[0])}`
        : `(${filter.values.map((v) => `${field} = ${quoteFilterString(v)}`).join(" AND ")})`;
    case "range": {
      const parts: string[] = [];
      if (filter.gte !== undefined) parts.push(`${field} >= ${formatFilterNumber(filter.gte)}`);
      if (filter.lte !== undefined) parts.push(`${field} <= ${formatFilterNumber(filter.lte)}`);
      if (parts.length === 0) throw new SearchQueryError(`"range" on "${field}" needs gte and/or lte`, field);
      return parts.length === 1 ? parts[0] : `(${parts.join(" AND ")})`;
    }
    default:
      throw new SearchQueryError(`unknown filter op ${JSON.stringify((filter as { op?: unknown }).op)}`);
  }
}

/** All filters AND-ed into one expression; undefined when there are none. */
export function buildMeiliFilter(filters: Filter[]): string | undefined {
  if (filters.length === 0) return undefined;
  if (filters.length === 1) return meiliFilterExpression(filters[0]);
  return filters.map((f) => `(${meiliFilterExpression(f)})`).join(" AND ");
}

/**
 * The `q` sent to Meilisearch. Double quotes would switch Meilisearch to phrase search, which
 * the embedded engine does not have, so they are removed; with typo tolerance off every word
 * is quoted on its own, which in Meilisearch means "this exact word" (no typo, no prefix).
 */
export function meiliQueryString(q: string, typoTolerance: boolean): string {
  const cleaned = q.replace(/"/g, " ").replace(/\s+/g, " ").trim();
  if (typoTolerance || cleaned === "") return cleaned;
  return cleaned
    .split(" ")
    .filter((w) => tokenize(w).length > 0)
    .map((w) => `"${w}"`)
    .join(" ");
}

/** The sort parameter for Meilisearch, with the id tie-break the port promises. */
export function meiliSort(sort: { field: string; direction: "asc" | "desc" } | undefined, hasTextQuery: boolean): string[] | undefined {
  if (sort) {
    const field = attribute(sort.field);
    return field === "id" ? [`id:${sort.direction}`] : [`${field}:${sort.direction}`, "id:asc"];
  }
  return hasTextQuery ? undefined : ["id:asc"];
}

export interface MeiliSettingsOptions {
  /** Upper bound for `total` (Meilisearch pagination.maxTotalHits). */
  maxTotalHits: number;
  /** faceting.maxValuesPerFacet. */
  maxValuesPerFacet: number;
}

/** Index settings for a definition. Everything we rely on is set explicitly. */
export function buildMeiliSettings(def: IndexDefinition, opts: MeiliSettingsOptions): Settings {
  const names = Object.keys(def.fields);
  const filterable = ["id", ...names.filter((n) => fieldOf(def, n)!.filterable)];
  const sortable = ["id", ...names.filter((n) => fieldOf(def, n)!.sortable)];
  return {
    searchableAttributes: [...def.searchableOrder],
    // only what a client may see: a field declared displayed: false is never returned, not even
    // to a search made directly against Meilisearch with a tenant token
    displayedAttributes: ["id", ...names.filter((n) => fieldOf(def, n)!.displayed)],
    filterableAttributes: filterable,
    sortableAttributes: sortable,
    rankingRules: [...(def.rankingRules ?? DEFAULT_RANKING_RULES)],
    synonyms: bidirectionalSynonyms(def.synonyms),
    stopWords: [],
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnWords: [],
      disableOnAttributes: [],
    },
    faceting: { maxValuesPerFacet: opts.maxValuesPerFacet, sortFacetValuesBy: { "*": "count" } },
    pagination: { maxTotalHits: opts.maxTotalHits },
  };
}

/** Settings keys whose array order is irrelevant (compared as sets). */
const SET_LIKE = new Set(["filterableAttributes", "sortableAttributes", "displayedAttributes", "stopWords"]);

function canonical(key: string, value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical("", v));
    return SET_LIKE.has(key) ? items.map((v) => JSON.stringify(v)).sort() : items;
  }
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      const c = canonical(k, v);
      // Meilisearch returns sub-keys we do not set (e.g. disableOnNumbers): compare only ours
      out[k] = Array.isArray(c) && key === "synonyms" ? [...(c as unknown[])].sort() : c;
    }
    return out;
  }
  return value;
}

/**
 * The subset of `wanted` that differs from `current` (as returned by getSettings). Empty when
 * the index is already configured, which keeps ensureIndexes free of no-op tasks.
 */
export function settingsDiff(wanted: Settings, current: Settings): Settings {
  const diff: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    const have = (current as Record<string, unknown>)[key];
    let cmpHave = have;
    if (value && typeof value === "object" && !Array.isArray(value) && have && typeof have === "object" && key !== "synonyms") {
      // only compare the sub-keys we set
      cmpHave = Object.fromEntries(Object.keys(value).map((k) => [k, (have as Record<string, unknown>)[k]]));
    }
    if (JSON.stringify(canonical(key, value)) !== JSON.stringify(canonical(key, cmpHave))) diff[key] = value;
  }
  return diff as Settings;
}
