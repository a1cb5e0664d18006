/**
 * The search PORT. Everything the app knows about search goes through `SearchEngine`; the two
 * adapters (embedded.server.ts, meilisearch.server.ts) implement it and are held to the same
 * behaviour by tests/unit/search-contract.test.ts.
 *
 * Shared semantics (both adapters):
 * - `text` fields are tokenised (lower-cased, accents folded, split on spaces and punctuation).
 *   What both engines guarantee: words separated by spaces or by `-`, `/`, `.`, `,` are
 *   separate words. Text glued to `<`, `>` or `=` is one token in Meilisearch (the embedded
 *   engine splits it), so nothing may rely on finding it as separate words.
 *   A query matches a document when EVERY query word matches (Meilisearch
 *   `matchingStrategy: "all"`). The last query word also matches as a prefix, and that prefix may
 *   carry the word's typos ("story" finds "stories", "comedy" finds "comedic"). Typos: words of
 *   5-8 characters allow 1 typo, 9+ allow 2 (a transposition counts as one typo). A word also
 *   matches its two halves ("shotlist" finds "shot-list") and 2-3 adjacent query words also match
 *   the word they make together ("story boards" finds "storyboards").
 * - `typoTolerance: false` matches every word exactly as written: no typo, no prefix, and no
 *   synonym, split or joined word (Meilisearch applies none of them to quoted words).
 * - `keyword` / `keyword[]` values are compared case-insensitively after trimming and Unicode
 *   NFKD folding (this is what Meilisearch does for facet values); facets report the original
 *   spelling.
 * - Filters are AND-ed. Scope filters (the third `search` argument) are AND-ed with the query's
 *   filters and can never be widened by them.
 * - Order: explicit sort (missing values last, ties broken by `id` ascending); otherwise
 *   relevance when there is a text query; otherwise `id` ascending.
 * - Highlights are HTML-escaped text with `<mark>`/`</mark>` around matched words, so they are
 *   safe to render with dangerouslySetInnerHTML.
 */

export type FieldType = "text" | "keyword" | "keyword[]" | "number" | "boolean";

export interface FieldDefinition {
  type: FieldType;
  /** text: defaults to true. keyword/keyword[]: defaults to false. Must agree with searchableOrder. */
  searchable?: boolean;
  filterable?: boolean;
  /** number and keyword only. */
  sortable?: boolean;
  /** keyword, keyword[] and boolean only. Implies filterable. */
  facet?: boolean;
  /**
   * Default true. false: the field is indexed (for filters, sorting) but never returned in a
   * hit by either engine (Meilisearch displayedAttributes), so a search made directly against
   * Meilisearch with a tenant token cannot read it either.
   */
  displayed?: boolean;
}

export interface IndexDefinition {
  /** [A-Za-z0-9_-]{1,64}; used as the Meilisearch index uid (with the engine's prefix). */
  name: string;
  primaryKey: "id";
  /** `id` is implicit (keyword, filterable with eq/in, sortable); do not declare it. */
  fields: Record<string, FieldDefinition>;
  /** Searchable fields, most important first. Must list exactly the searchable fields. */
  searchableOrder: string[];
  /** Declared one way; both engines apply them in both directions. */
  synonyms?: Record<string, string[]>;
  /** Meilisearch ranking rules. The embedded engine ignores it. Default: DEFAULT_RANKING_RULES. */
  rankingRules?: string[];
}

export type Filter =
  | { field: string; op: "eq"; value: string | number | boolean }
  /** keyword: value is one of; keyword[]: contains any of. */
  | { field: string; op: "in"; values: string[] }
  /** keyword[]: contains all of. */
  | { field: string; op: "all"; values: string[] }
  /** number, inclusive bounds; at least one bound. */
  | { field: string; op: "range"; gte?: number; lte?: number };

export interface SearchQuery {
  q?: string;
  filters?: Filter[];
  facets?: string[];
  sort?: { field: string; direction: "asc" | "desc" };
  /** 1-based. */
  page?: number;
  /** Default 20, clamped to MAX_PER_PAGE (1000, Meilisearch's default pagination.maxTotalHits). */
  perPage?: number;
  /** Text fields to return highlighted. */
  highlight?: string[];
  /** Default true. false = exact words only (no typos, no prefix, no synonyms, no split/joined words). */
  typoTolerance?: boolean;
  /**
   * Document fields to return in `hit.document` (Meilisearch `attributesToRetrieve`); `id` is
   * always included. Default: every field. `[]` returns `{ id }` only, for callers that need
   * ids (matching recall), so the engine does not copy whole documents.
   */
  retrieve?: string[];
}

export interface SearchHit<D> {
  id: string;
  document: D;
  /** Relevance in [0, 1]; 1 when there is no text query. Not comparable across engines. */
  score: number;
  /** field -> HTML-escaped text with <mark>..</mark> around matches. */
  highlights: Record<string, string>;
}

export interface SearchResult<D> {
  hits: SearchHit<D>[];
  total: number;
  page: number;
  perPage: number;
  totalPages: number;
  /** field -> value -> number of matching documents; values ordered by count desc, then value. */
  facets: Record<string, Record<string, number>>;
  tookMs: number;
}

export interface SearchEngine {
  readonly kind: "embedded" | "meilisearch";
  /** Idempotent. Registers the definitions and creates/configures the indexes. */
  ensureIndexes(defs: IndexDefinition[]): Promise<void>;
  /**
   * Replaces the whole content of an index with what `fill` writes, so that searches see the
   * old content until the new one is complete (Meilisearch: a new index, then swapIndexes).
   */
  rebuild(index: string, fill: (write: (docs: Record<string, unknown>[]) => Promise<void>) => Promise<void>): Promise<void>;
  /** Full replacement of each document by id. */
  upsert(index: string, docs: Record<string, unknown>[]): Promise<void>;
  delete(index: string, ids: string[]): Promise<void>;
  clear(index: string): Promise<void>;
  /** `scope`: mandatory extra filters (tenant scope), AND-ed with the query's filters. */
  search<D = Record<string, unknown>>(index: string, query: SearchQuery, scope?: Filter[]): Promise<SearchResult<D>>;
  count(index: string): Promise<number>;
  health(): Promise<{ ok: boolean; detail?: string }>;
  close(): Promise<void>;
}

export const DEFAULT_PER_PAGE = 20;
/**
 * No caller passes a user-chosen perPage; the app's pages use 20. The bound matches
 * Meilisearch's default pagination.maxTotalHits, and matching recall asks for a few hundred
 * ids in one call (paging 100 at a time repeated the filter and sort for every page).
 */
export const MAX_PER_PAGE = 1000;
/**
 * `total` is exact up to this many hits (Meilisearch pagination.maxTotalHits; lower is much
 * cheaper for it). The pages stop at page 500 of 20, recall asks for at most 1000 ids.
 */
export const MAX_TOTAL_HITS = 10_000;
export const MAX_QUERY_LENGTH = 500;
/** Meilisearch only considers the first 10 query words; the embedded engine does the same. */
export const MAX_QUERY_WORDS = 10;
/**
 * "sort" first: an explicit sort wins over relevance in both engines (with matchingStrategy
 * "all" the words rule cannot reorder anything anyway).
 */
export const DEFAULT_RANKING_RULES = ["sort", "words", "typo", "proximity", "attribute", "exactness"];

/** The query is invalid for the index definition (unknown field, wrong type, ...). Map to 400. */
export class SearchQueryError extends Error {
  override name = "SearchQueryError";
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The index definition itself is inconsistent. A programming error. */
export class SearchDefinitionError extends Error {
  override name = "SearchDefinitionError";
}

/** A document does not match its index definition. */
export class SearchDocumentError extends Error {
  override name = "SearchDocumentError";
  constructor(
    message: string,
    readonly documentId?: string,
  ) {
    super(message);
  }
}

/** Operational failure: unknown index, backend error, failed task. */
export class SearchEngineError extends Error {
  override name = "SearchEngineError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const INDEX_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const DOC_ID = /^[A-Za-z0-9_-]{1,511}$/;
const FIELD_TYPES: readonly FieldType[] = ["text", "keyword", "keyword[]", "number", "boolean"];

/** The implicit primary key field. */
export const ID_FIELD: Readonly<Required<FieldDefinition>> = {
  type: "keyword",
  searchable: false,
  filterable: true,
  sortable: true,
  facet: false,
  displayed: true,
};

/** Field definition with defaults applied; `id` included. */
export function fieldOf(def: IndexDefinition, name: string): Required<FieldDefinition> | undefined {
  if (name === "id") return ID_FIELD;
  if (!Object.hasOwn(def.fields, name)) return undefined;
  const f = def.fields[name];
  const facet = f.facet ?? false;
  return {
    type: f.type,
    searchable: f.searchable ?? f.type === "text",
    filterable: (f.filterable ?? false) || facet,
    sortable: f.sortable ?? false,
    facet,
    displayed: f.displayed ?? true,
  };
}

export function isValidDocumentId(id: unknown): id is string {
  return typeof id === "string" && DOC_ID.test(id);
}

/** Throws SearchDefinitionError when the definition is inconsistent. */
export function validateDefinition(def: IndexDefinition): void {
  const where = `index definition "${def?.name}"`;
  if (!def || typeof def !== "object") throw new SearchDefinitionError("index definition must be an object");
  if (typeof def.name !== "string" || !INDEX_NAME.test(def.name)) {
    throw new SearchDefinitionError(`${where}: name must match ${INDEX_NAME}`);
  }
  if (def.primaryKey !== "id") throw new SearchDefinitionError(`${where}: primaryKey must be "id"`);
  if (!def.fields || typeof def.fields !== "object") throw new SearchDefinitionError(`${where}: fields missing`);
  for (const [name, f] of Object.entries(def.fields)) {
    if (name === "id") throw new SearchDefinitionError(`${where}: "id" is implicit, do not declare it`);
    if (!FIELD_NAME.test(name)) throw new SearchDefinitionError(`${where}: field name "${name}" must match ${FIELD_NAME}`);
    if (!f || !FIELD_TYPES.includes(f.type)) throw new SearchDefinitionError(`${where}: field "${name}" has an unknown type`);
    const eff = fieldOf(def, name)!;
    if (f.type === "text" && (eff.filterable || eff.sortable)) {
      throw new SearchDefinitionError(`${where}: text field "${name}" cannot be filterable/sortable/facet; use keyword`);
    }
    if (eff.sortable && f.type !== "number" && f.type !== "keyword") {
      throw new SearchDefinitionError(`${where}: field "${name}" (${f.type}) cannot be sortable`);
    }
    if (eff.facet && f.type !== "keyword" && f.type !== "keyword[]" && f.type !== "boolean") {
      throw new SearchDefinitionError(`${where}: field "${name}" (${f.type}) cannot be a facet`);
    }
    if (eff.searchable && f.type !== "text" && f.type !== "keyword" && f.type !== "keyword[]") {
      throw new SearchDefinitionError(`${where}: field "${name}" (${f.type}) cannot be searchable`);
    }
  }
  if (!Array.isArray(def.searchableOrder)) throw new SearchDefinitionError(`${where}: searchableOrder must be an array`);
  const seen = new Set<string>();
  for (const name of def.searchableOrder) {
    const f = fieldOf(def, name);
    if (!f || name === "id") throw new SearchDefinitionError(`${where}: searchableOrder names unknown field "${name}"`);
    if (!f.searchable) throw new SearchDefinitionError(`${where}: searchableOrder names non-searchable field "${name}"`);
    if (seen.has(name)) throw new SearchDefinitionError(`${where}: searchableOrder repeats "${name}"`);
    seen.add(name);
  }
  for (const name of Object.keys(def.fields)) {
    if (fieldOf(def, name)!.searchable && !seen.has(name)) {
      throw new SearchDefinitionError(`${where}: searchable field "${name}" is missing from searchableOrder`);
    }
  }
  if (def.synonyms !== undefined) {
    if (!def.synonyms || typeof def.synonyms !== "object") throw new SearchDefinitionError(`${where}: synonyms must be an object`);
    for (const [k, vs] of Object.entries(def.synonyms)) {
      if (!k.trim() || !Array.isArray(vs) || vs.some((v) => typeof v !== "string" || !v.trim())) {
        throw new SearchDefinitionError(`${where}: synonyms["${k}"] must be a non-empty key with non-empty strings`);
      }
    }
  }
  if (def.rankingRules !== undefined && (!Array.isArray(def.rankingRules) || def.rankingRules.some((r) => typeof r !== "string"))) {
    throw new SearchDefinitionError(`${where}: rankingRules must be an array of strings`);
  }
}

/** A query after validation with every default applied. Both adapters work from this. */
export interface NormalizedQuery {
  q: string;
  /** Scope filters first, then the query's filters; all AND-ed. */
  filters: Filter[];
  facets: string[];
  sort?: { field: string; direction: "asc" | "desc" };
  page: number;
  perPage: number;
  highlight: string[];
  typoTolerance: boolean;
  /** null: the whole document. Otherwise the fields to return besides `id`. */
  retrieve: string[] | null;
}

const QUERY_KEYS = new Set(["q", "filters", "facets", "sort", "page", "perPage", "highlight", "typoTolerance", "retrieve"]);

function fail(message: string, field?: string): never {
  throw new SearchQueryError(message, field);
}

function validateFilter(def: IndexDefinition, filter: Filter, label: string): Filter {
  if (!filter || typeof filter !== "object") fail(`${label} must be an object`);
  const name = (filter as { field?: unknown }).field;
  if (typeof name !== "string") fail(`${label}.field must be a string`);
  const f = fieldOf(def, name);
  if (!f) fail(`${label}: unknown field "${name}" in index "${def.name}"`, name);
  if (!f.filterable) fail(`${label}: field "${name}" is not filterable`, name);
  const strings = (values: unknown, op: string): string[] => {
    if (!Array.isArray(values) || values.length === 0) fail(`${label}: "${op}" on "${name}" needs a non-empty values array`, name);
    if (values.length > 1000) fail(`${label}: "${op}" on "${name}" has more than 1000 values`, name);
    for (const v of values) if (typeof v !== "string") fail(`${label}: "${op}" on "${name}" takes string values`, name);
    return [...(values as string[])];
  };
  switch (filter.op) {
    case "eq": {
      const v = filter.value;
      const ok =
        f.type === "number"
          ? typeof v === "number" && Number.isFinite(v)
          : f.type === "boolean"
            ? typeof v === "boolean"
            : typeof v === "string";
      if (!ok)
        fail(
          `${label}: "eq" on ${f.type} field "${name}" needs a ${f.type === "keyword[]" ? "string" : f.type === "keyword" ? "string" : f.type} value`,
          name,
        );
      return { field: name, op: "eq", value: v };
    }
    case "in":
      if (f.type !== "keyword" && f.type !== "keyword[]") fail(`${label}: "in" is only for keyword fields, "${name}" is ${f.type}`, name);
      return { field: name, op: "in", values: strings(filter.values, "in") };
    case "all":
      if (f.type !== "keyword[]") fail(`${label}: "all" is only for keyword[] fields, "${name}" is ${f.type}`, name);
      return { field: name, op: "all", values: strings(filter.values, "all") };
    case "range": {
      if (f.type !== "number") fail(`${label}: "range" is only for number fields, "${name}" is ${f.type}`, name);
      const { gte, lte } = filter;
      if (gte === undefined && lte === undefined) fail(`${label}: "range" on "${name}" needs gte and/or lte`, name);
      for (const b of [gte, lte]) {
        if (b !== undefined && (typeof b !== "number" || !Number.isFinite(b)))
          fail(`${label}: "range" bounds on "${name}" must be finite numbers`, name);
      }
      const out: Filter = { field: name, op: "range" };
      if (gte !== undefined) out.gte = gte;
      if (lte !== undefined) out.lte = lte;
      return out;
    }
    default:
      fail(`${label}: unknown op "${(filter as { op?: unknown }).op}"`, name);
  }
}

/**
 * Validates a query (and the tenant scope) against the index definition and applies defaults.
 * Throws SearchQueryError with a message that names the offending field.
 */
export function validateQuery(def: IndexDefinition, query: SearchQuery, scope: Filter[] = []): NormalizedQuery {
  if (!query || typeof query !== "object" || Array.isArray(query)) fail("query must be an object");
  for (const key of Object.keys(query)) if (!QUERY_KEYS.has(key)) fail(`unknown query option "${key}"`);
  const q = query.q ?? "";
  if (typeof q !== "string") fail("q must be a string");
  if (q.length > MAX_QUERY_LENGTH) fail(`q is longer than ${MAX_QUERY_LENGTH} characters`);

  if (!Array.isArray(scope)) fail("scope must be an array of filters");
  const filters = scope.map((f, i) => validateFilter(def, f, `scope[${i}]`));
  if (query.filters !== undefined) {
    if (!Array.isArray(query.filters)) fail("filters must be an array");
    query.filters.forEach((f, i) => {
      filters.push(validateFilter(def, f, `filters[${i}]`));
    });
  }

  const facets: string[] = [];
  if (query.facets !== undefined) {
    if (!Array.isArray(query.facets)) fail("facets must be an array");
    for (const name of query.facets) {
      if (typeof name !== "string") fail("facets must be field names");
      const f = fieldOf(def, name);
      if (!f) fail(`facets: unknown field "${name}" in index "${def.name}"`, name);
      if (!f.facet) fail(`facets: field "${name}" is not a facet`, name);
      if (!facets.includes(name)) facets.push(name);
    }
  }

  let sort: NormalizedQuery["sort"];
  if (query.sort !== undefined) {
    const s = query.sort;
    if (!s || typeof s !== "object" || typeof s.field !== "string") fail("sort must be { field, direction }");
    const f = fieldOf(def, s.field);
    if (!f) fail(`sort: unknown field "${s.field}" in index "${def.name}"`, s.field);
    if (!f.sortable) fail(`sort: field "${s.field}" is not sortable`, s.field);
    if (s.direction !== "asc" && s.direction !== "desc") fail(`sort: direction must be "asc" or "desc"`, s.field);
    sort = { field: s.field, direction: s.direction };
  }

  const page = query.page ?? 1;
  if (!Number.isSafeInteger(page) || page < 1) fail("page must be an integer >= 1");
  const rawPerPage = query.perPage ?? DEFAULT_PER_PAGE;
  if (!Number.isSafeInteger(rawPerPage) || rawPerPage < 1) fail("perPage must be an integer >= 1");
  const perPage = Math.min(rawPerPage, MAX_PER_PAGE);

  const highlight: string[] = [];
  if (query.highlight !== undefined) {
    if (!Array.isArray(query.highlight)) fail("highlight must be an array");
    for (const name of query.highlight) {
      if (typeof name !== "string") fail("highlight must be field names");
      const f = fieldOf(def, name);
      if (!f) fail(`highlight: unknown field "${name}" in index "${def.name}"`, name);
      if (f.type !== "text") fail(`highlight: field "${name}" is not a text field`, name);
      if (!f.displayed) fail(`highlight: field "${name}" is never returned`, name);
      if (!highlight.includes(name)) highlight.push(name);
    }
  }

  const typoTolerance = query.typoTolerance ?? true;
  if (typeof typoTolerance !== "boolean") fail("typoTolerance must be a boolean");

  let retrieve: string[] | null = null;
  if (query.retrieve !== undefined) {
    if (!Array.isArray(query.retrieve)) fail("retrieve must be an array");
    retrieve = [];
    for (const name of query.retrieve) {
      if (typeof name !== "string") fail("retrieve must be field names");
      if (name === "id") continue;
      const f = fieldOf(def, name);
      if (!f) fail(`retrieve: unknown field "${name}" in index "${def.name}"`, name);
      if (!f.displayed) fail(`retrieve: field "${name}" is never returned`, name);
      if (!retrieve.includes(name)) retrieve.push(name);
    }
  }

  return { q, filters, facets, sort, page, perPage, highlight, typoTolerance, retrieve };
}

/**
 * Checks one document against the definition and returns a shallow copy (arrays copied) that
 * the engine may keep. Both adapters call it, so a document is accepted by both or by neither.
 */
/** The definition's fields as a list, computed once per definition (normalizeDocument is hot in a reindex). */
const fieldLists = new WeakMap<IndexDefinition, [string, FieldType][]>();

export function normalizeDocument(def: IndexDefinition, doc: Record<string, unknown>): Record<string, unknown> {
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new SearchDocumentError(`documents for "${def.name}" must be objects`);
  const id = doc.id;
  if (!isValidDocumentId(id)) {
    throw new SearchDocumentError(`document id must be a string of 1-511 characters [A-Za-z0-9_-], got ${JSON.stringify(id)}`);
  }
  let fields = fieldLists.get(def);
  if (!fields) {
    fields = Object.entries(def.fields).map(([name, f]) => [name, f.type]);
    fieldLists.set(def, fields);
  }
  const out: Record<string, unknown> = { ...doc };
  for (const [name, type] of fields) {
    const v = doc[name];
    if (v === undefined || v === null) continue;
    let want: string | null = null;
    switch (type) {
      case "text":
      case "keyword":
        if (typeof v !== "string") want = "a string";
        break;
      case "keyword[]":
        if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) want = "an array of strings";
        else out[name] = [...v];
        break;
      case "number":
        if (typeof v !== "number" || !Number.isFinite(v)) want = "a finite number";
        break;
      case "boolean":
        if (typeof v !== "boolean") want = "a boolean";
        break;
    }
    if (want) throw new SearchDocumentError(`document "${id}": field "${name}" must be ${want}`, id);
  }
  return out;
}

/** Validates and de-duplicates a batch of documents (the last occurrence of an id wins). */
export function normalizeDocuments(def: IndexDefinition, docs: Record<string, unknown>[]): Record<string, unknown>[] {
  if (!Array.isArray(docs)) throw new SearchDocumentError("upsert takes an array of documents");
  const byId = new Map<string, Record<string, unknown>>();
  for (const d of docs) {
    const n = normalizeDocument(def, d);
    byId.delete(n.id as string);
    byId.set(n.id as string, n);
  }
  return [...byId.values()];
}

export function assertIds(ids: string[]): void {
  if (!Array.isArray(ids)) throw new SearchDocumentError("delete takes an array of ids");
  for (const id of ids) if (typeof id !== "string") throw new SearchDocumentError(`ids must be strings, got ${JSON.stringify(id)}`);
}

export function totalPages(total: number, perPage: number): number {
  return Math.ceil(total / perPage);
}
