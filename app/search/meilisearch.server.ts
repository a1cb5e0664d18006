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
  MeilisearchTaskTimeOutError,
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
  MAX_TOTAL_HITS,
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
  /** pagination.maxTotalHits: `total` is capped at this. Default MAX_TOTAL_HITS (10 000). */
  maxTotalHits?: number;
  /** faceting.maxValuesPerFacet. Default 1000. */
  maxValuesPerFacet?: number;
  /** Operational messages (a settings task still running, ...). */
  log?: (message: string) => void;
}

export interface MeilisearchEngine extends SearchEngine {
  readonly kind: "meilisearch";
  readonly client: Meilisearch;
  /** The Meilisearch uid of an index name. */
  uid(index: string): string;
  /** Deletes the Meilisearch index and waits until it is gone (tests, rebuilds). Not part of the port. */
  dropIndex(index: string): Promise<void>;
  /** The server's version ("1.21.0"). */
  serverVersion(): Promise<string>;
}

/** The oldest Meilisearch this adapter works with (showRankingScore, escaped filter strings, swapIndexes). */
export const MIN_MEILISEARCH_VERSION = "1.7.0";

/** True when `version` ("1.21.0", "v1.7.3-rc.1") is at least `min`. */
export function versionAtLeast(version: string, min: string): boolean {
  const parse = (v: string) =>
    (
      v
        .replace(/^v/, "")
        .split(/[.-]/)
        .slice(0, 3)
        .map((x) => Number.parseInt(x, 10)) as number[]
    ).map((n) => (Number.isFinite(n) ? n : 0));
  const a = parse(version);
  const b = parse(min);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
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
  const settingsOptions = { maxTotalHits: options.maxTotalHits ?? MAX_TOTAL_HITS, maxValuesPerFacet: options.maxValuesPerFacet ?? 1000 };
  const client = new Meilisearch({
    host: options.host,
    apiKey: options.apiKey,
    timeout: options.requestTimeoutMs ?? 15_000,
    defaultWaitOptions: { timeout: taskTimeout, interval: 50 },
    clientAgents: ["second-act-search"],
  });
  const defs = new Map<string, IndexDefinition>();
  /** index name -> fields that are never returned (defence in depth beside displayedAttributes) */
  const hidden = new Map<string, string[]>();
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
      throw new SearchEngineError(`${what}: ${describe(e)}`, { cause: e });
    }
    if (task.status !== "succeeded") {
      throw new SearchEngineError(
        `${what} ${task.status}: ${task.error?.message ?? "no error message"}${task.error?.code ? ` (${task.error.code})` : ""}`,
      );
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

  async function dropUid(id: string): Promise<void> {
    // client 0.62's deleteIndexIfExists does not wait for the deletion task: wait here.
    let task: Awaited<ReturnType<EnqueuedTaskPromise["waitTask"]>>;
    try {
      task = await client.deleteIndex(id).waitTask({ timeout: taskTimeout, interval: 50 });
    } catch (e) {
      throw new SearchEngineError(`deleting index "${id}": ${describe(e)}`);
    }
    if (task.status !== "succeeded" && task.error?.code !== "index_not_found") {
      throw new SearchEngineError(`deleting index "${id}" ${task.status}: ${task.error?.message}`);
    }
  }

  /**
   * Creates the index when missing and applies the definition's settings. A settings task that
   * outlasts the wait is not an error: Meilisearch applies it before any later task on the index.
   */
  async function ensureIndex(def: IndexDefinition, id = uid(def.name)): Promise<void> {
    let primaryKey: string | null | undefined;
    let creating = false;
    try {
      primaryKey = (await client.getRawIndex(id)).primaryKey;
    } catch (e) {
      if (!(e instanceof MeilisearchApiError) || e.cause?.code !== "index_not_found") {
        throw new SearchEngineError(`reading index "${id}": ${describe(e)}`);
      }
      const pending = client.createIndex(id, { primaryKey: "id" });
      try {
        await pending;
      } catch (e) {
        throw new SearchEngineError(`creating index "${id}": ${describe(e)}`);
      }
      try {
        const task = await pending.waitTask({ timeout: taskTimeout, interval: 50 });
        if (task.status !== "succeeded" && task.error?.code !== "index_already_exists") {
          throw new SearchEngineError(`creating index "${id}" ${task.status}: ${task.error?.message}`);
        }
      } catch (e) {
        if (!(e instanceof MeilisearchTaskTimeOutError))
          throw e instanceof SearchEngineError ? e : new SearchEngineError(`creating index "${id}": ${describe(e)}`);
        // still queued: the settings below queue behind it
        creating = true;
      }
      primaryKey = "id";
    }
    if (primaryKey && primaryKey !== "id") {
      throw new SearchEngineError(`index "${id}" has primary key "${primaryKey}", expected "id"`);
    }
    const index = client.index(id);
    const wanted = buildMeiliSettings(def, settingsOptions);
    let diff: ReturnType<typeof settingsDiff>;
    try {
      diff = creating ? wanted : settingsDiff(wanted, await index.getSettings());
    } catch (e) {
      throw new SearchEngineError(`reading settings of "${id}": ${describe(e)}`);
    }
    if (Object.keys(diff).length === 0) return;
    let pending: EnqueuedTaskPromise;
    try {
      pending = index.updateSettings(diff);
      await pending;
    } catch (e) {
      throw new SearchEngineError(`updating settings of "${id}": ${describe(e)}`);
    }
    try {
      await settle(pending, `updating settings of "${id}"`);
    } catch (e) {
      // A slow settings task is not an error: Meilisearch applies it before any later task on
      // this index (documents wait behind it), and searches keep working meanwhile.
      if (!(e instanceof SearchEngineError && (e.cause as unknown) instanceof MeilisearchTaskTimeOutError)) throw e;
      options.log?.(`settings of "${id}" are still being applied by Meilisearch (over ${taskTimeout} ms); continuing`);
    }
  }

  async function addDocuments(id: string, normalized: Record<string, unknown>[], what: string) {
    const idx = client.index(id);
    const tasks: EnqueuedTaskPromise[] = [];
    for (let i = 0; i < normalized.length; i += batchSize) {
      tasks.push(idx.addDocuments(normalized.slice(i, i + batchSize), { primaryKey: "id" }));
    }
    await write(tasks, what);
  }

  return {
    kind: "meilisearch",
    client,
    uid,

    async ensureIndexes(list) {
      if (closed) throw new SearchEngineError("search engine is closed");
      for (const def of list) validateDefinition(def);
      // Known locally before any remote call: when the server is not reachable yet, searches and
      // writes fail with the connection error (and are retried), never with "not defined".
      for (const def of list) {
        defs.set(def.name, structuredClone(def));
        hidden.set(
          def.name,
          Object.keys(def.fields).filter((f) => def.fields[f].displayed === false),
        );
      }
      for (const def of list) await ensureIndex(def);
    },

    async rebuild(index, fill) {
      const def = defOf(index);
      const live = uid(index);
      const next = `${live}__rebuild`;
      await dropUid(next);
      await ensureIndex(def, next);
      try {
        // Enqueued without waiting for each task (Meilisearch batches consecutive additions);
        // all of them must have succeeded before the swap.
        const tasks: EnqueuedTaskPromise[] = [];
        await fill(async (docs) => {
          const normalized = normalizeDocuments(def, docs);
          const idx = client.index(next);
          for (let i = 0; i < normalized.length; i += batchSize) {
            const t = idx.addDocuments(normalized.slice(i, i + batchSize), { primaryKey: "id" });
            try {
              await t;
            } catch (e) {
              throw new SearchEngineError(`filling "${next}": ${describe(e)}`);
            }
            tasks.push(t);
          }
        });
        for (const t of tasks) await settle(t, `filling "${next}"`);
        // Searches see the old index until this one task swaps both at once.
        await settle(client.swapIndexes([{ indexes: [live, next], rename: false }]), `swapping "${next}" into "${live}"`);
      } finally {
        await dropUid(next);
      }
    },

    async upsert(index, docs) {
      const def = defOf(index);
      const normalized = normalizeDocuments(def, docs);
      if (normalized.length === 0) return;
      await addDocuments(uid(index), normalized, `upserting into "${uid(index)}"`);
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
        // ranking score details are shown nowhere: not asked for (they cost time per hit)
        showRankingScore: true,
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
        for (const k of hidden.get(index) ?? []) delete document[k];
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
        return h.status === "available"
          ? { ok: true, detail: `meilisearch at ${options.host}` }
          : { ok: false, detail: `status ${h.status}` };
      } catch (e) {
        return { ok: false, detail: describe(e) };
      }
    },

    async close() {
      closed = true;
      defs.clear();
      hidden.clear();
    },

    async dropIndex(index) {
      await dropUid(uid(index));
    },

    async serverVersion() {
      try {
        return (await client.getVersion()).pkgVersion;
      } catch (e) {
        throw new SearchEngineError(`reading the Meilisearch version at ${options.host}: ${describe(e)}`);
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
  if (!Number.isFinite(expiresAt) || expiresAt <= Date.now() / 1000)
    throw new SearchEngineError("tenant token expiresAt must be in the future");
  return generateTenantToken({
    apiKey: opts.apiKey,
    apiKeyUid: opts.apiKeyUid,
    searchRules: rules,
    expiresAt: Math.floor(expiresAt),
  });
}
