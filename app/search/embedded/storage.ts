/**
 * One embedded index: documents live in "slots" (append-only; deletes are tombstones, compacted in
 * bulk); the full text is in `Postings`, filters/sorting/facets in `Columns`; `search` runs the
 * query plan, the filters, the facets and the top-k selection.
 */
import {
  assertIds,
  type Filter,
  type IndexDefinition,
  normalizeDocuments,
  SearchEngineError,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  totalPages,
  validateDefinition,
  validateQuery,
} from "../engine.server";
import { highlightText } from "../text";
import { Columns } from "./columns";
import { MAX_SLOTS, Postings } from "./postings";
import { grow } from "./primitives";
import { topK, topKNumber } from "./topk";

export class EmbeddedIndex {
  readonly def: IndexDefinition;
  private readonly signature: string;
  /** fields declared displayed: false: indexed, never returned */
  private readonly hidden: string[];

  private size = 0;
  private capacity = 0;
  private live = 0;
  private dead = 0;
  private ids: string[] = [];
  private docs: (Record<string, unknown> | undefined)[] = [];
  private alive = new Uint8Array(0);
  private readonly idToSlot = new Map<string, number>();

  private readonly postings: Postings;
  private readonly columns: Columns;

  constructor(def: IndexDefinition) {
    validateDefinition(def);
    this.def = structuredClone(def);
    this.signature = JSON.stringify(def);
    this.hidden = Object.keys(def.fields).filter((f) => def.fields[f].displayed === false);
    this.postings = new Postings(def);
    this.columns = new Columns(this.def);
  }

  definition(): IndexDefinition {
    return structuredClone(this.def);
  }

  sameDefinition(def: IndexDefinition): boolean {
    return JSON.stringify(def) === this.signature;
  }

  get count(): number {
    return this.live;
  }

  clear() {
    this.size = 0;
    this.capacity = 0;
    this.live = 0;
    this.dead = 0;
    this.ids = [];
    this.docs = [];
    this.alive = new Uint8Array(0);
    this.idToSlot.clear();
    this.postings.clear();
    this.columns.reset();
  }

  allDocuments(): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (let s = 0; s < this.size; s++) if (this.alive[s]) out.push(this.docs[s]!);
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // writes

  upsert(docs: Record<string, unknown>[]) {
    for (const doc of normalizeDocuments(this.def, docs)) {
      const id = doc.id as string;
      const old = this.idToSlot.get(id);
      if (old !== undefined) this.removeSlot(old);
      this.addSlot(id, doc);
    }
    this.maybeCompact();
  }

  delete(ids: string[]) {
    assertIds(ids);
    for (const id of ids) {
      const slot = this.idToSlot.get(id);
      if (slot !== undefined) this.removeSlot(slot);
    }
    this.maybeCompact();
  }

  private ensureCapacity(n: number) {
    if (n <= this.capacity) return;
    if (n > MAX_SLOTS) throw new SearchEngineError(`embedded index "${this.def.name}" is full`);
    let cap = Math.max(16, this.capacity);
    while (cap < n) cap *= 2;
    // every per-slot array is grown to at least `cap` (+1 for CSR offsets)
    this.alive = grow(this.alive, cap);
    this.postings.grow(cap);
    this.columns.grow(cap);
    this.capacity = cap;
  }

  private addSlot(id: string, doc: Record<string, unknown>) {
    const s = this.size;
    this.ensureCapacity(s + 1);
    this.size++;
    this.live++;
    this.ids[s] = id;
    this.docs[s] = doc;
    this.alive[s] = 1;
    this.idToSlot.set(id, s);

    this.postings.add(s, doc);
    this.columns.write(s, doc);
  }

  private removeSlot(s: number) {
    const doc = this.docs[s]!;
    this.postings.remove(doc);
    this.alive[s] = 0;
    this.docs[s] = undefined;
    this.idToSlot.delete(this.ids[s]);
    this.live--;
    this.dead++;
  }

  private maybeCompact() {
    if (this.dead > 1024 && this.dead > this.size / 4) this.compact();
  }

  /** Drops tombstones: renumbers slots, rewrites postings and columns. O(index size). */
  compact() {
    if (this.dead === 0) return;
    const size = this.size;
    const remap = new Int32Array(size).fill(-1);
    let n = 0;
    for (let s = 0; s < size; s++) if (this.alive[s]) remap[s] = n++;

    const ids: string[] = new Array(n);
    const docs: Record<string, unknown>[] = new Array(n);
    for (let s = 0; s < size; s++) {
      const t = remap[s];
      if (t < 0) continue;
      ids[t] = this.ids[s];
      docs[t] = this.docs[s]!;
      this.idToSlot.set(ids[t], t);
    }
    this.postings.compact(remap, size, n);

    const cap = Math.max(16, n);
    this.columns.compact(remap, size, cap);

    this.ids = ids;
    this.docs = docs;
    this.alive = new Uint8Array(cap);
    this.alive.fill(1, 0, n);
    this.size = n;
    this.capacity = cap;
    this.dead = 0;
  }

  search<D>(query: SearchQuery, scope: Filter[] | undefined): SearchResult<D> {
    const started = performance.now();
    const nq = validateQuery(this.def, query, scope ?? []);
    const clauses = this.postings.plan(nq.q, nq.typoTolerance);
    const hasText = clauses.length > 0;

    let slots: Int32Array;
    let n: number;
    let scores: Float64Array | null = null;
    if (hasText) {
      const m = this.postings.textMatches(clauses, this.size, this.live, this.alive);
      slots = m.slots;
      n = m.n;
      scores = m.scores;
    } else {
      slots = new Int32Array(this.size);
      n = 0;
      const alive = this.alive;
      for (let s = 0; s < this.size; s++) if (alive[s]) slots[n++] = s;
    }

    for (const filter of nq.filters) {
      if (n === 0) break;
      n = this.columns.applyFilter(filter, slots, n, this.idToSlot);
    }

    const facets: Record<string, Record<string, number>> = {};
    for (const name of nq.facets) facets[name] = this.columns.facet(name, slots, n);

    const offset = (nq.page - 1) * nq.perPage;
    const k = Math.min(n, offset + nq.perPage);
    const sortCol = nq.sort && nq.sort.field !== "id" ? this.columns.get(nq.sort.field) : undefined;
    const page = (
      sortCol?.kind === "number"
        ? topKNumber(this.ids, slots, n, k, sortCol.values, nq.sort!.direction === "desc")
        : topK(slots, n, k, this.columns.comparator(nq, scores, this.ids))
    ).slice(offset);

    let maxScore = 0;
    if (scores) for (let i = 0; i < n; i++) if (scores[slots[i]] > maxScore) maxScore = scores[slots[i]];
    const matcher = nq.highlight.length > 0 ? this.postings.matcher(clauses) : null;

    const hits: SearchHit<D>[] = page.map((s) => {
      const doc = this.docs[s]!;
      const highlights: Record<string, string> = {};
      if (matcher) {
        for (const field of nq.highlight) {
          const v = doc[field];
          if (typeof v === "string") highlights[field] = highlightText(v, matcher);
        }
      }
      let document: D;
      if (nq.retrieve === null) {
        document = structuredClone(doc) as D;
        for (const f of this.hidden) delete (document as Record<string, unknown>)[f];
      } else {
        const picked: Record<string, unknown> = { id: doc.id };
        for (const field of nq.retrieve) if (doc[field] !== undefined) picked[field] = structuredClone(doc[field]);
        document = picked as D;
      }
      return {
        id: this.ids[s],
        document,
        score: scores && maxScore > 0 ? scores[s] / maxScore : 1,
        highlights,
      };
    });

    return {
      hits,
      total: n,
      page: nq.page,
      perPage: nq.perPage,
      totalPages: totalPages(n, nq.perPage),
      facets,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
    };
  }
}
