/**
 * Full text in the embedded index: per-field posting lists (Int32Array, slot << 6 | tf) with BM25
 * scoring, typo expansion over a first-letter-bucketed vocabulary, last-word prefix, synonyms,
 * joined and split words, and the words to highlight.
 */
import { type IndexDefinition, MAX_QUERY_WORDS } from "../engine.server";
import { bidirectionalSynonyms, boundedDistance, boundedPrefixDistance, type HighlightMatcher, tokenize, typoBudget } from "../text";
import { grow } from "./primitives";

// These constants are used in the hottest loop of a search (BM25 over a posting list, one pass
// per matching word and field). Keep them module-local: an IMPORTED binding (an ES module live
// binding) is not folded into the loop as a constant, and moving TF_BITS/TF_MAX into another module
// made text searches 15-58% slower (docs/decisions/0026-embedded-engine-split.md).
const TF_BITS = 6;
const TF_MAX = (1 << TF_BITS) - 1;
/** The most slots an index can hold (a slot number shifted by TF_BITS must stay a positive int32). */
export const MAX_SLOTS = 2 ** (31 - TF_BITS);

const BM25_K1 = 1.2;
const BM25_B = 0.75;
const WEIGHT_EXACT = 1;
const WEIGHT_PREFIX = 0.9;
const WEIGHT_TYPO = [1, 0.6, 0.4];
/** A prefix like "p" could match thousands of words; keep the most frequent ones. */
const MAX_PREFIX_EXPANSION = 50;
const MAX_TYPO_EXPANSION = 50;
const EXPANSION_CACHE_SIZE = 5000;

interface Posting {
  /** slot << TF_BITS | min(tf, TF_MAX), ascending by slot */
  e: Int32Array;
  n: number;
  /** live documents in this posting */
  df: number;
}

interface Term {
  /** live (document, field) pairs over all fields */
  df: number;
  /** per searchable field */
  p: (Posting | undefined)[];
}

export interface ExpandedTerm {
  term: string;
  weight: number;
  prefix: boolean;
}

/** A query word and what it expands to. */
export interface Word {
  text: string;
  terms: ExpandedTerm[];
}

/** One position of the query: any alternative matches (synonyms); an alternative needs all its words. */
export interface Clause {
  alternatives: Word[][];
}

export class Postings {
  private readonly searchFields: string[];
  private readonly fieldWeights: number[];
  private readonly synonyms = new Map<string, string[][]>();
  private readonly maxSynonymWords: number;

  private terms = new Map<string, Term>();
  /** first character -> terms, for typo and prefix expansion */
  private buckets = new Map<string, string[]>();
  private vocabVersion = 0;
  private expansionCache = new Map<string, ExpandedTerm[]>();
  private expansionCacheVersion = -1;
  private fieldLen: Float32Array[];
  private fieldTotal: number[];

  constructor(def: IndexDefinition) {
    this.searchFields = [...def.searchableOrder];
    // earlier fields weigh more: 1, 0.8, 0.67, 0.57, ...
    this.fieldWeights = this.searchFields.map((_, i) => 1 / (1 + 0.25 * i));
    this.fieldLen = this.searchFields.map(() => new Float32Array(0));
    this.fieldTotal = this.searchFields.map(() => 0);
    const table = bidirectionalSynonyms(def.synonyms);
    let maxWords = 0;
    for (const [key, values] of Object.entries(table)) {
      this.synonyms.set(
        key,
        values.map((v) => v.split(" ")),
      );
      maxWords = Math.max(maxWords, key.split(" ").length);
    }
    this.maxSynonymWords = maxWords;
  }

  clear() {
    this.terms = new Map();
    this.buckets = new Map();
    this.vocabVersion++;
    this.fieldLen = this.searchFields.map(() => new Float32Array(0));
    this.fieldTotal = this.searchFields.map(() => 0);
  }

  /** Grows the per-slot field lengths to at least `cap` slots. */
  grow(cap: number) {
    this.fieldLen = this.fieldLen.map((a) => grow(a, cap));
  }

  private fieldTokens(doc: Record<string, unknown>, field: string): string[] {
    const v = doc[field];
    if (typeof v === "string") return tokenize(v);
    if (Array.isArray(v)) {
      const out: string[] = [];
      for (const x of v) if (typeof x === "string") for (const t of tokenize(x)) out.push(t);
      return out;
    }
    return [];
  }

  /** Adds the searchable fields of `doc` (stored in slot `s`) to the postings. */
  add(s: number, doc: Record<string, unknown>) {
    const nFields = this.searchFields.length;
    for (let f = 0; f < nFields; f++) {
      const tokens = this.fieldTokens(doc, this.searchFields[f]);
      this.fieldLen[f][s] = tokens.length;
      this.fieldTotal[f] += tokens.length;
      if (tokens.length === 0) continue;
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [word, count] of tf) {
        let term = this.terms.get(word);
        if (!term) {
          term = { df: 0, p: new Array(nFields).fill(undefined) };
          this.terms.set(word, term);
          this.addToBucket(word);
          this.vocabVersion++;
        }
        let p = term.p[f];
        if (!p) {
          p = { e: new Int32Array(2), n: 0, df: 0 };
          term.p[f] = p;
        }
        if (p.n === p.e.length) p.e = grow(p.e, p.n + 1);
        p.e[p.n++] = (s << TF_BITS) | Math.min(count, TF_MAX);
        p.df++;
        term.df++;
      }
    }
  }

  private addToBucket(word: string) {
    const bucket = this.buckets.get(word[0]);
    if (bucket) bucket.push(word);
    else this.buckets.set(word[0], [word]);
  }

  /** Takes the searchable fields of `doc` out of the field totals and document frequencies (its postings stay until compaction). */
  remove(doc: Record<string, unknown>) {
    const nFields = this.searchFields.length;
    for (let f = 0; f < nFields; f++) {
      const tokens = this.fieldTokens(doc, this.searchFields[f]);
      this.fieldTotal[f] -= tokens.length;
      for (const word of new Set(tokens)) {
        const term = this.terms.get(word)!;
        term.df--;
        term.p[f]!.df--;
      }
    }
  }

  /** Rewrites the postings and field lengths after compaction: slot s moves to remap[s] (or is dropped when -1); n slots remain. */
  compact(remap: Int32Array, size: number, n: number) {
    this.fieldLen = this.fieldLen.map((old) => {
      const next = new Float32Array(Math.max(16, n));
      for (let s = 0; s < size; s++) if (remap[s] >= 0) next[remap[s]] = old[s];
      return next;
    });

    let vocabChanged = false;
    for (const [word, term] of this.terms) {
      let any = false;
      for (let f = 0; f < term.p.length; f++) {
        const p = term.p[f];
        if (!p) continue;
        let w = 0;
        for (let i = 0; i < p.n; i++) {
          const e = p.e[i];
          const t = remap[e >>> TF_BITS];
          if (t >= 0) p.e[w++] = (t << TF_BITS) | (e & TF_MAX);
        }
        p.n = w;
        if (w === 0) term.p[f] = undefined;
        else {
          any = true;
          if (p.e.length > 4 * w) p.e = p.e.slice(0, Math.max(2, w));
        }
      }
      if (!any) {
        this.terms.delete(word);
        vocabChanged = true;
      }
    }
    if (vocabChanged) {
      this.buckets = new Map();
      for (const word of this.terms.keys()) this.addToBucket(word);
      this.vocabVersion++;
    }
  }

  // ------------------------------------------------------------------------------------------
  // query planning

  private expand(word: string, typos: boolean, prefix: boolean): ExpandedTerm[] {
    if (this.expansionCacheVersion !== this.vocabVersion) {
      this.expansionCache.clear();
      this.expansionCacheVersion = this.vocabVersion;
    }
    const key = `${typos ? 1 : 0}${prefix ? 1 : 0}${word}`;
    const cached = this.expansionCache.get(key);
    if (cached) return cached;

    const out: ExpandedTerm[] = [];
    if (this.terms.has(word)) out.push({ term: word, weight: WEIGHT_EXACT, prefix: false });
    const bucket = this.buckets.get(word[0]) ?? [];
    if (prefix) {
      const found: string[] = [];
      for (const t of bucket) if (t.length > word.length && t.startsWith(word)) found.push(t);
      if (found.length > MAX_PREFIX_EXPANSION) {
        found.sort((a, b) => this.terms.get(b)!.df - this.terms.get(a)!.df);
        found.length = MAX_PREFIX_EXPANSION;
      }
      for (const t of found) out.push({ term: t, weight: WEIGHT_PREFIX, prefix: true });
    }
    const budget = typos ? typoBudget(word) : 0;
    if (budget > 0) {
      // a typo on the first letter is not tolerated (same first letter = same bucket)
      const found: [string, number, boolean][] = [];
      for (const t of bucket) {
        if (t === word || (prefix && t.startsWith(word))) continue;
        const d = Math.abs(t.length - word.length) > budget ? -1 : boundedDistance(word, t, budget);
        if (d > 0) found.push([t, d, false]);
        else if (prefix && t.length > word.length) {
          // Like Meilisearch, the last word is a prefix that may itself carry typos: "story"
          // finds "stories" (through "stori"), "comedy" finds "comedic".
          const pd = boundedPrefixDistance(word, t, budget);
          if (pd > 0) found.push([t, pd, true]);
        }
      }
      if (found.length > MAX_TYPO_EXPANSION) {
        found.sort((a, b) => a[1] - b[1] || this.terms.get(b[0])!.df - this.terms.get(a[0])!.df);
        found.length = MAX_TYPO_EXPANSION;
      }
      for (const [t, d, isPrefix] of found) out.push({ term: t, weight: WEIGHT_TYPO[d], prefix: isPrefix });
    }
    if (this.expansionCache.size >= EXPANSION_CACHE_SIZE) this.expansionCache.clear();
    this.expansionCache.set(key, out);
    return out;
  }

  /**
   * The query as clauses (all must match; any alternative of a clause may). Like Meilisearch:
   * synonyms (longest key first), two or three adjacent words also match the word they make
   * when joined ("story boards" finds "storyboards"), and a word also matches its two halves
   * ("shotlist" finds "shot-list"). With typo tolerance off every word is matched as written:
   * no typo, no prefix, no synonym, no joining or splitting (Meilisearch phrase semantics).
   */
  plan(q: string, typoTolerance: boolean): Clause[] {
    const tokens = tokenize(q).slice(0, MAX_QUERY_WORDS);
    // like Meilisearch: the last word is a prefix unless the query ends with a separator
    const lastIsPrefix = typoTolerance && tokens.length > 0 && /[\p{L}\p{N}]$/u.test(q);
    const isPrefix = (k: number) => lastIsPrefix && k === tokens.length - 1;
    const clauses: Clause[] = [];
    let i = 0;
    while (i < tokens.length) {
      if (!typoTolerance) {
        clauses.push({ alternatives: [[this.word(tokens[i], false, false)]] });
        i++;
        continue;
      }
      let matched = 0;
      for (let len = Math.min(this.maxSynonymWords, tokens.length - i); len >= 1 && !matched; len--) {
        const key = tokens.slice(i, i + len).join(" ");
        const syns = this.synonyms.get(key);
        if (!syns) continue;
        const original = tokens.slice(i, i + len).map((w, k) => this.word(w, true, isPrefix(i + k)));
        const alternatives = [original, ...syns.map((words) => words.map((w) => this.word(w, false, false)))];
        clauses.push({ alternatives });
        matched = len;
      }
      if (matched) {
        i += matched;
        continue;
      }
      // joined: the longest run of 3 or 2 words whose concatenation is an indexed word
      for (let len = Math.min(3, tokens.length - i); len >= 2 && !matched; len--) {
        const joined = tokens.slice(i, i + len).join("");
        const last = i + len - 1;
        const joinedWord = this.word(joined, false, isPrefix(last));
        if (joinedWord.terms.length === 0) continue;
        const separate = tokens.slice(i, i + len).map((w, k) => this.word(w, true, isPrefix(i + k)));
        clauses.push({ alternatives: [separate, [joinedWord]] });
        matched = len;
      }
      if (matched) {
        i += matched;
        continue;
      }
      const alternatives = [[this.word(tokens[i], true, isPrefix(i))]];
      const split = this.split(tokens[i]);
      if (split) alternatives.push(split.map((w) => this.word(w, false, false)));
      clauses.push({ alternatives });
      i++;
    }
    return clauses;
  }

  /** The most frequent way to cut a word into two indexed words (Meilisearch's split words). */
  private split(word: string): [string, string] | null {
    let best: [string, string] | null = null;
    let bestDf = 0;
    for (let cut = 1; cut < word.length; cut++) {
      const a = this.terms.get(word.slice(0, cut));
      const b = this.terms.get(word.slice(cut));
      if (!a || !b || a.df === 0 || b.df === 0) continue;
      const df = Math.min(a.df, b.df);
      if (df > bestDf) {
        best = [word.slice(0, cut), word.slice(cut)];
        bestDf = df;
      }
    }
    return best;
  }

  private word(text: string, typos: boolean, prefix: boolean): Word {
    return { text, terms: this.expand(text, typos, prefix) };
  }

  // ------------------------------------------------------------------------------------------
  // evaluation

  private wordScores(word: Word, size: number, live: number, alive: Uint8Array): Float64Array {
    const acc = new Float64Array(size);
    const N = Math.max(1, live);
    for (const { term, weight } of word.terms) {
      const t = this.terms.get(term);
      if (!t || t.df === 0) continue;
      for (let f = 0; f < t.p.length; f++) {
        const p = t.p[f];
        if (!p || p.df === 0) continue;
        const idf = Math.log(1 + (N - p.df + 0.5) / (p.df + 0.5));
        const avg = this.fieldTotal[f] / N || 1;
        const w = idf * weight * this.fieldWeights[f] * (BM25_K1 + 1);
        const lens = this.fieldLen[f];
        const e = p.e;
        for (let i = 0; i < p.n; i++) {
          const s = e[i] >>> TF_BITS;
          if (alive[s] === 0) continue;
          const tf = e[i] & TF_MAX;
          acc[s] += (w * tf) / (tf + BM25_K1 * (1 - BM25_B + (BM25_B * lens[s]) / avg));
        }
      }
    }
    return acc;
  }

  /** Slots matching every clause, and their scores (indexed by slot). */
  textMatches(clauses: Clause[], size: number, live: number, alive: Uint8Array): { slots: Int32Array; n: number; scores: Float64Array } {
    let total: Float64Array | null = null;
    for (const clause of clauses) {
      let best: Float64Array | null = null;
      for (const alt of clause.alternatives) {
        let acc: Float64Array | null = null;
        for (const word of alt) {
          const ws = this.wordScores(word, size, live, alive);
          if (acc === null) acc = ws;
          else for (let s = 0; s < size; s++) acc[s] = acc[s] > 0 && ws[s] > 0 ? acc[s] + ws[s] : 0;
        }
        if (best === null) best = acc!;
        else for (let s = 0; s < size; s++) if (acc![s] > best[s]) best[s] = acc![s];
      }
      if (total === null) total = best!;
      else for (let s = 0; s < size; s++) total[s] = total[s] > 0 && best![s] > 0 ? total[s] + best![s] : 0;
    }
    const scores = total ?? new Float64Array(size);
    const slots = new Int32Array(size);
    let n = 0;
    for (let s = 0; s < size; s++) if (scores[s] > 0) slots[n++] = s;
    return { slots, n, scores };
  }

  matcher(clauses: Clause[]): HighlightMatcher {
    const words = new Set<string>();
    const prefixes: string[] = [];
    for (const clause of clauses) {
      for (const alt of clause.alternatives) {
        for (const word of alt) {
          words.add(word.text);
          for (const t of word.terms) {
            // a prefix that carried a typo ("stories" for "story") is marked as the whole word
            if (!t.prefix || !t.term.startsWith(word.text)) words.add(t.term);
            else if (!prefixes.includes(word.text)) prefixes.push(word.text);
          }
        }
      }
    }
    return { words, prefixes };
  }
}
