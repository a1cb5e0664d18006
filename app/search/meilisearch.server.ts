/**
 * Meilisearch adapter (official client, meilisearch 0.62). Behaviour is pinned to the embedded
 * adapter by tests/unit/search-contract.test.ts, which runs against a real server when
 * MEILI_HOST is set.
 *
 * How the port maps onto Meilisearch:
 * - settings come from the definition (buildMeiliSettings): searchableAttributes in
 *   searchableOrder, filterable/sortable attributes (+ `id` for the tie-break), synonyms in both
 *   directions, ranking rules with "sort" first, facet values ordered by count;
 * - every search uses matchingStrategy "all", page/hitsPerPage (exhaustive totals, capped by
 *   maxTotalHits), sort [field, "id:asc"], and the filter built by query.ts with quoted values;
 * - scope filters are AND-ed into the same expression; tenant tokens (createTenantToken) carry
 *   the same expression as a search rule for searches made with the token;
 * - highlights: Meilisearch does not escape `_formatted`, so it marks matches with private-use
 *   markers and markersToHtml escapes the text and swaps the markers for <mark>.
 */
import {
  type EnqueuedTaskPromise,
  Meilisearch,
  MeilisearchApiError,
  type RecordAny,
  type SearchParams,
  type SearchResponse,
  type TokenSearchRules,
} from "meilisearch";
import { generateTenantToken } from "meilisearch/token";
import {
  assertIds,
  type Filter,
  type IndexDefinition,
  isValidDocumentId,
  normalizeDocuments,
  type SearchEngine,
  SearchEngineError,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  totalPages,
  validateDefinition,
  validateQuery,
} from "./engine.server";
import { buildMeiliFilter, buildMeiliSettings, meiliQueryString, meiliSort, settingsDiff } from "./query";
import { MARK_POST, MARK_PRE, markersToHtml, orderFacetCounts, tokenize } from "./text";

export interface MeilisearchEngineOptions {
  host: string;
  apiKey?: string;
  /** Prepended to every index name to form the Meilisearch uid (e.g. "dev_", "test_1234_"). */
  indexPrefix?: string;
  /** Wait for upsert/delete/clear tasks to finish (read-your-writes). Default true. */
  waitForWrites?: boolean;
  /** How long to wait for one task. Default 120 s. */
  taskTimeoutMs?: number;
  /** HTTP timeout per request. Default 15 s. */
  requestTimeoutMs?: number;
  /** Documents per addDocuments request. Default 5000. */
  batchSize?: number;
  /** pagination.maxTotalHits: `total` is capped at this. Default 100 000. */
  maxTotalHits?: number;
  /** faceting.maxValuesPerFacet. Default 1000. */
  maxValuesPerFacet?: number;
}

export interface MeilisearchEngine extends SearchEngine {
  readonly kind: "meilisearch";
  readonly client: Meilisearch;
  /** The Meilisearch uid of an index name. */
  uid(index: string): string;
  /** Deletes the Meilisearch index (tests, rebuilds). Not part of the port. */
  dropIndex(index: string): Promise<void>;
}

function describe(e: unknown): string {
  if (e instanceof MeilisearchApiError) return `${e.message}${e.cause?.code ? ` (${e.cause.code})` : ""}`;
  return e instanceof Error ? e.message : String(e);
}

export function createMeilisearchEngine(options: MeilisearchEngineOptions): MeilisearchEngine {
  const prefix = options.indexPrefix ?? "";
  const waitForWrites = options.waitForWrites ?? true;
  const taskTimeout = options.taskTimeoutMs ?? 120_000;
  const batchSize = options.batchSize ?? 5000;
  const settingsOptions = { maxTotalHits: options.maxTotalHits ?? 100_000, maxValuesPerFacet: options.maxValuesPerFacet ?? 1000 };
  const client = new Meilisearch({
    host: options.host,
    apiKey: options.apiKey,
    timeout: options.requestTimeoutMs ?? 15_000,
    defaultWaitOptions: { timeout: taskTimeout, interval: 50 },
    clientAgents: ["second-act-search"],
  });
  const defs = new Map<string, IndexDefinition>();
  let closed = false;

  const uid = (name: string) => `${prefix}${name}`;

  const defOf = (name: string): IndexDefinition => {
    if (closed) throw new SearchEngineError("search engine is closed");
    const def = defs.get(name);
    if (!def) throw new SearchEngineError(`search index "${name}" is not defined; call ensureIndexes first`);
    return def;
  };

  async function settle(p: EnqueuedTaskPromise, what: string): Promise<void> {
    let task: Awaited<ReturnType<EnqueuedTaskPromise["waitTask"]>>;
    try {
      task = await p.waitTask({ timeout: taskTimeout, interval: 50 });
    } catch (e) {
      throw new SearchEngineError(`${what}: ${describe(e)}`);
    }
    if (task.status !== "succeeded") {
      throw new SearchEngineError(`${what} ${task.status}: ${task.error?.message ?? "no error message"}${task.error?.code ? ` (${task.error.code})` : ""}`);
    }
  }

  async function write(tasks: EnqueuedTaskPromise[], what: string): Promise<void> {
    if (waitForWrites) {
      for (const t of tasks) await settle(t, what);
    } else {
      try {
        await Promise.all(tasks);
      } catch (e) {
        throw new SearchEngineError(`${what}: ${describe(e)}`);
      }
    }
  }

  async function ensureIndex(def: IndexDefinition): Promise<void> {
    const id = uid(def.name);
    let primaryKey: string | null | undefined;
    try {
      primaryKey = (await client.getRawIndex(id)).primaryKey;
    } catch (e) {
      if (!(e instanceof MeilisearchApiError) || e.cause?.code !== "index_not_found") {
        throw new SearchEngineError(`reading index "${id}": ${describe(e)}`);
      }
      const task = await client.createIndex(id, { primaryKey: "id" }).waitTask({ timeout: taskTimeout, interval: 50 });
      if (task.status !== "succeeded" && task.error?.code !== "index_already_exists") {
        throw new SearchEngineError(`creating index "${id}" ${task.status}: ${task.error?.message}`);
      }
      primaryKey = "id";
    }
    if (primaryKey && primaryKey !== "id") {
      throw new SearchEngineError(`index "${id}" has primary key "${primaryKey}", expected "id"`);
    }
    const index = client.index(id);
    const wanted = buildMeiliSettings(def, settingsOptions);
    const diff = settingsDiff(wanted, await index.getSettings());
    if (Object.keys(diff).length > 0) await settle(index.updateSettings(diff), `updating settings of "${id}"`);
  }

  return {
    kind: "meilisearch",
    client,
    uid,

    async ensureIndexes(list) {
      if (closed) throw new SearchEngineError("search engine is closed");
      for (const def of list) validateDefinition(def);
      for (const def of list) {
        await ensureIndex(def);
        defs.set(def.name, structuredClone(def));
      }
    },

    async upsert(index, docs) {
      const def = defOf(index);
      const normalized = normalizeDocuments(def, docs);
      if (normalized.length === 0) return;
      const idx = client.index(uid(index));
      const tasks: EnqueuedTaskPromise[] = [];
      for (let i = 0; i < normalized.length; i += batchSize) {
        tasks.push(idx.addDocuments(normalized.slice(i, i + batchSize), { primaryKey: "id" }));
      }
      await write(tasks, `upserting into "${uid(index)}"`);
    },

    async delete(index, ids) {
      defOf(index);
      assertIds(ids);
      // ids that can never exist are dropped here, as the embedded engine ignores them
      const valid = [...new Set(ids.filter(isValidDocumentId))];
      if (valid.length === 0) return;
      const idx = client.index(uid(index));
      const tasks: EnqueuedTaskPromise[] = [];
      for (let i = 0; i < valid.length; i += batchSize) tasks.push(idx.deleteDocuments(valid.slice(i, i + batchSize)));
      await write(tasks, `deleting from "${uid(index)}"`);
    },

    async clear(index) {
      defOf(index);
      await write([client.index(uid(index)).deleteAllDocuments()], `clearing "${uid(index)}"`);
    },

    async search<D = Record<string, unknown>>(index: string, query: SearchQuery, scope?: Filter[]): Promise<SearchResult<D>> {
      const started = performance.now();
      const def = defOf(index);
      const nq = validateQuery(def, query, scope ?? []);
      const hasText = tokenize(nq.q).length > 0;
      const params: SearchParams = {
        filter: buildMeiliFilter(nq.filters),
        sort: meiliSort(nq.sort, hasText),
        page: nq.page,
        hitsPerPage: nq.perPage,
        matchingStrategy: "all",
        showRankingScore: true,
        showRankingScoreDetails: true,
      };
      if (nq.facets.length > 0) params.facets = nq.facets;
      // _formatted only carries retrieved attributes: retrieve the highlighted ones too, then
      // return only what was asked for.
      if (nq.retrieve !== null) params.attributesToRetrieve = [...new Set(["id", ...nq.retrieve, ...nq.highlight])];
      const keep = nq.retrieve === null ? null : new Set(["id", ...nq.retrieve]);
      if (nq.highlight.length > 0) {
        params.attributesToHighlight = nq.highlight;
        params.highlightPreTag = MARK_PRE;
        params.highlightPostTag = MARK_POST;
      }
      let res: SearchResponse<RecordAny>;
      try {
        res = await client.index(uid(index)).search(hasText ? meiliQueryString(nq.q, nq.typoTolerance) : "", params);
      } catch (e) {
        throw new SearchEngineError(`searching "${uid(index)}": ${describe(e)}`);
      }

      const hits: SearchHit<D>[] = res.hits.map((hit) => {
        const { _formatted, _rankingScore, _rankingScoreDetails, _matchesPosition, _federation, ...document } = hit;
        if (keep) for (const k of Object.keys(document)) if (!keep.has(k)) delete document[k];
        const highlights: Record<string, string> = {};
        for (const field of nq.highlight) {
          const v = (_formatted as RecordAny | undefined)?.[field];
          if (typeof v === "string") highlights[field] = markersToHtml(v);
        }
        return {
          id: String(document.id),
          document: document as D,
          score: typeof _rankingScore === "number" ? _rankingScore : 0,
          highlights,
          scoreDetails: _rankingScoreDetails,
        };
      });
      const facets: Record<string, Record<string, number>> = {};
      for (const name of nq.facets) facets[name] = orderFacetCounts(Object.entries(res.facetDistribution?.[name] ?? {}));
      const total = res.totalHits ?? res.estimatedTotalHits ?? hits.length;
      return {
        hits,
        total,
        page: nq.page,
        perPage: nq.perPage,
        totalPages: totalPages(total, nq.perPage),
        facets,
        tookMs: Math.round((performance.now() - started) * 100) / 100,
      };
    },

    async count(index) {
      defOf(index);
      try {
        return (await client.index(uid(index)).getStats()).numberOfDocuments;
      } catch (e) {
        throw new SearchEngineError(`counting "${uid(index)}": ${describe(e)}`);
      }
    },

    async health() {
      if (closed) return { ok: false, detail: "closed" };
      try {
        const h = await client.health();
        return h.status === "available" ? { ok: true, detail: `meilisearch at ${options.host}` } : { ok: false, detail: `status ${h.status}` };
      } catch (e) {
        return { ok: false, detail: describe(e) };
      }
    },

    async close() {
      closed = true;
      defs.clear();
    },

    async dropIndex(index) {
      try {
        await client.deleteIndexIfExists(uid(index));
      } catch (e) {
        throw new SearchEngineError(`dropping "${uid(index)}": ${describe(e)}`);
      }
    },
  };
}

export interface TenantTokenOptions {
  /** The API key that signs the token (a search key; never the master key in the browser). */
  apiKey: string;
  /** uid (UUID v4) of that key. */
  apiKeyUid: string;
  /** index name -> mandatory filters (AND-ed). At least one filter per index: fail closed. */
  searchRules: Record<string, Filter[]>;
  expiresAt: Date | number;
  /** Same prefix as the engine's, so rules name the real uids. */
  indexPrefix?: string;
  /** When given, every rule's filters are validated against the index definition. */
  definitions?: IndexDefinition[];
}

/**
 * A tenant token for searches made directly against Meilisearch (e.g. lab-scoped search from
 * a browser or another service): Meilisearch AND-s the rule's filter into every search made
 * with the token. Uses the client's generateTenantToken (HS256).
 */
export async function createTenantToken(opts: TenantTokenOptions): Promise<string> {
  const prefix = opts.indexPrefix ?? "";
  const rules: TokenSearchRules = {};
  const entries = Object.entries(opts.searchRules ?? {});
  if (entries.length === 0) throw new SearchEngineError("a tenant token needs at least one index in searchRules");
  for (const [name, filters] of entries) {
    if (!Array.isArray(filters) || filters.length === 0) {
      throw new SearchEngineError(`tenant token rule for "${name}" has no filter; refusing to grant unrestricted access`);
    }
    const def = opts.definitions?.find((d) => d.name === name);
    if (opts.definitions && !def) throw new SearchEngineError(`tenant token rule names unknown index "${name}"`);
    const checked = def ? validateQuery(def, {}, filters).filters : filters;
    rules[`${prefix}${name}`] = { filter: buildMeiliFilter(checked) };
  }
  const expiresAt = opts.expiresAt instanceof Date ? opts.expiresAt.getTime() / 1000 : opts.expiresAt;
  if (!Number.isFinite(expiresAt) || expiresAt <= Date.now() / 1000) throw new SearchEngineError("tenant token expiresAt must be in the future");
  return generateTenantToken({
    apiKey: opts.apiKey,
    apiKeyUid: opts.apiKeyUid,
    searchRules: rules,
    expiresAt: Math.floor(expiresAt),
  });
}
