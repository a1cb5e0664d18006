/**
 * Embedded (in-process) search adapter.
 *
 * Deliberately NOT built on @orama/orama. Measured on this project's 2-core box with synthetic
 * people-like documents (100k) Orama 3.1.18 took 52 s to index (~1 GB RSS) and 3.7 s p50 for a
 * one-word query matching 45% of the documents (263 ms for one matching 13%); at 10k gigs a
 * common word took 83 ms p50. The cause is in Orama itself: RadixNode.findAllWords de-duplicates
 * posting lists with Array.includes (quadratic in the number of matching documents) and
 * insertTokenScoreParameters rescans all tokens of a field for every token at insert time.
 *
 * This adapter is a small purpose-built index instead:
 * - documents live in "slots" (append-only; deletes are tombstones, compacted in bulk);
 * - full text: per-field posting lists (Int32Array, slot << 6 | tf) with BM25 scoring, typo
 *   expansion over a first-letter-bucketed vocabulary, last-word prefix, synonym expansion;
 * - filters, facets and sorting run over typed-array columns (dictionary-encoded keywords,
 *   CSR-encoded keyword arrays, Float64 numbers, Int8 booleans);
 * - top-k selection with a heap, so a page never sorts the whole result set.
 *
 * Known differences from Meilisearch (none of them is covered by the contract):
 * - relevance ORDER (BM25 + field weights vs Meilisearch's bucket sort) and score values;
 * - a typo on the first letter is never tolerated here;
 * - a prefix or a typo expands to at most 50 vocabulary words (most frequent first);
 * - a multi-word synonym matches when all its words occur in the document, not only adjacent;
 * - `total` is exact here; Meilisearch caps it at pagination.maxTotalHits.
 * Searching is synchronous CPU work (a few ms at 100k documents) on the calling thread.
 *
 * The parts live in app/search/embedded/: primitives.ts (typed arrays, dictionaries), storage.ts
 * (document slots, one index, search), postings.ts (full text, BM25, typos, synonyms), columns.ts
 * (filters, sorting, facets), topk.ts (top-k selection); this file is the engine facade.
 * Before moving code between these files, read docs/decisions/0026-embedded-engine-split.md (a
 * constant imported into a hot loop made text searches ~20% slower) and run
 * scripts/bench/engine-ab.ts against main.
 */

import { EmbeddedIndex } from "./embedded/storage";
import { type Filter, type SearchEngine, SearchEngineError, type SearchQuery, validateDefinition } from "./engine.server";

// ---------------------------------------------------------------------------------------------
// the engine

export interface EmbeddedEngine extends SearchEngine {
  readonly kind: "embedded";
}

export function createEmbeddedEngine(): EmbeddedEngine {
  const indexes = new Map<string, EmbeddedIndex>();
  let closed = false;

  const get = (name: string): EmbeddedIndex => {
    if (closed) throw new SearchEngineError("search engine is closed");
    const idx = indexes.get(name);
    if (!idx) throw new SearchEngineError(`search index "${name}" is not defined; call ensureIndexes first`);
    return idx;
  };

  return {
    kind: "embedded",

    async ensureIndexes(defs) {
      if (closed) throw new SearchEngineError("search engine is closed");
      for (const def of defs) validateDefinition(def);
      for (const def of defs) {
        const existing = indexes.get(def.name);
        if (existing?.sameDefinition(def)) continue;
        const next = new EmbeddedIndex(def);
        // definition changed: re-index what we had under the new definition
        if (existing) next.upsert(existing.allDocuments());
        indexes.set(def.name, next);
      }
    },

    async upsert(index, docs) {
      get(index).upsert(docs);
    },

    async delete(index, ids) {
      get(index).delete(ids);
    },

    async clear(index) {
      get(index).clear();
    },

    async rebuild(index, fill) {
      // Built aside and swapped in: searches see the old index until the new one is complete.
      const next = new EmbeddedIndex(get(index).definition());
      await fill(async (docs) => next.upsert(docs));
      get(index);
      indexes.set(index, next);
    },

    async search<D = Record<string, unknown>>(index: string, query: SearchQuery, scope?: Filter[]) {
      return get(index).search<D>(query, scope);
    },

    async count(index) {
      return get(index).count;
    },

    async health() {
      return closed ? { ok: false, detail: "closed" } : { ok: true, detail: `embedded, ${indexes.size} index(es)` };
    },

    async close() {
      closed = true;
      indexes.clear();
    },
  };
}
