/**
 * Pure text helpers shared by both adapters: tokenising, keyword folding, synonym tables,
 * typo distance, HTML escaping and highlighting.
 */

const ASCII_SPLIT = /[^a-z0-9]+/;
const UNICODE_SPLIT = /[^\p{L}\p{N}]+/u;
const MARKS = /\p{M}+/gu;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** Lower-case and fold accents (NFKD, combining marks dropped). */
export function foldText(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  return s.normalize("NFKD").replace(MARKS, "").toLowerCase();
}

/** Words of a text: folded, split on anything that is not a letter or a digit. */
export function tokenize(s: string): string[] {
  if (isAscii(s)) {
    const parts = s.toLowerCase().split(ASCII_SPLIT);
    return parts.filter((p) => p.length > 0);
  }
  return foldText(s)
    .split(UNICODE_SPLIT)
    .filter((p) => p.length > 0);
}

/** Keyword comparison key: what Meilisearch does to facet values (trim, NFKD, lower-case). */
export function keywordKey(value: string): string {
  const t = value.trim();
  return isAscii(t) ? t.toLowerCase() : t.normalize("NFKD").toLowerCase();
}

/** Typos allowed for a query word of this length (Meilisearch defaults). */
export function typoBudget(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

/**
 * The last row of the optimal-string-alignment table of `a` against the first `lb` characters of
 * `b` (entry j: the distance between `a` and b[0..j)), or null as soon as every entry of a row
 * exceeds `max` (no prefix can come back under it).
 */
function osaLastRow(a: string, b: string, lb: number, max: number): Int32Array | null {
  const la = a.length;
  // three rolling rows (OSA needs i-2)
  let prev2 = new Int32Array(lb + 1);
  let prev = new Int32Array(lb + 1);
  let cur = new Int32Array(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return null;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev;
}

/**
 * The smallest optimal-string-alignment distance between `a` and any prefix of `b` (at least one
 * character long), or -1 when it exceeds `max`: how Meilisearch matches the last query word, a
 * prefix that may itself carry typos ("story" finds "stories" through "stori").
 */
export function boundedPrefixDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = Math.min(b.length, la + max);
  if (la === 0 || lb === 0) return -1;
  const row = osaLastRow(a, b, lb, max);
  if (!row) return -1;
  let best = max + 1;
  for (let j = 1; j <= lb; j++) if (row[j] < best) best = row[j];
  return best <= max ? best : -1;
}

/**
 * Optimal-string-alignment distance (Levenshtein + adjacent transposition = 1), or -1 when it
 * is larger than `max`. Cheap for max <= 2.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return -1;
  if (a === b) return 0;
  const row = osaLastRow(a, b, lb, max);
  if (!row) return -1;
  const d = row[lb];
  return d <= max ? d : -1;
}

/**
 * Synonyms applied in both directions, keys and values folded and re-joined with single
 * spaces. `{ showrunner: ["executive producer"] }` becomes
 * `{ showrunner: ["executive producer"], "executive producer": ["showrunner"] }`.
 */
export function bidirectionalSynonyms(synonyms: Record<string, string[]> | undefined): Record<string, string[]> {
  const table = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    if (!from || !to || from === to) return;
    const set = table.get(from) ?? new Set<string>();
    table.set(from, set);
    set.add(to);
  };
  for (const [key, values] of Object.entries(synonyms ?? {})) {
    const k = tokenize(key).join(" ");
    for (const value of values) {
      const v = tokenize(value).join(" ");
      add(k, v);
      add(v, k);
    }
  }
  const out: Record<string, string[]> = {};
  for (const key of [...table.keys()].sort()) out[key] = [...table.get(key)!].sort();
  return out;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const HTML_SPECIAL = /[&<>"']/g;

export function escapeHtml(s: string): string {
  return s.replace(HTML_SPECIAL, (c) => HTML_ESCAPES[c]);
}

/** What a query matched: whole words, and (last word) prefixes. All folded. */
export interface HighlightMatcher {
  words: Set<string>;
  prefixes: string[];
}

const WORD_SPAN = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * HTML-escapes `text` and wraps matched words in <mark>. A prefix match marks only the prefix
 * (like Meilisearch: "<mark>prod</mark>ucer").
 */
export function highlightText(text: string, matcher: HighlightMatcher): string {
  if (matcher.words.size === 0 && matcher.prefixes.length === 0) return escapeHtml(text);
  let out = "";
  let last = 0;
  for (const m of text.matchAll(WORD_SPAN)) {
    const start = m.index ?? 0;
    const raw = m[0];
    const folded = foldText(raw);
    let markLen = 0;
    if (matcher.words.has(folded)) markLen = raw.length;
    else {
      for (const p of matcher.prefixes) {
        if (folded.startsWith(p)) {
          // the prefix length maps 1:1 only when folding kept the length
          markLen = folded.length === raw.length ? p.length : raw.length;
          break;
        }
      }
    }
    if (markLen === 0) continue;
    out += escapeHtml(text.slice(last, start));
    out += `<mark>${escapeHtml(raw.slice(0, markLen))}</mark>${escapeHtml(raw.slice(markLen))}`;
    last = start + raw.length;
  }
  return out + escapeHtml(text.slice(last));
}

/** Highlight markers used with Meilisearch (private-use code points, never HTML). */
export const MARK_PRE = "\uE000\uE001";
export const MARK_POST = "\uE001\uE000";

/**
 * Turns text that an engine marked with MARK_PRE/MARK_POST into escaped HTML with <mark>.
 * Meilisearch does not escape `_formatted` (meilisearch/meilisearch#1595), so we let it insert
 * inert markers, escape everything, then swap the markers for tags.
 */
export function markersToHtml(marked: string): string {
  let out = "";
  let open = false;
  let i = 0;
  while (i < marked.length) {
    const pre = marked.indexOf(MARK_PRE, i);
    const post = marked.indexOf(MARK_POST, i);
    const next = open ? post : pre;
    if (next < 0) {
      out += escapeHtml(stripMarkers(marked.slice(i)));
      break;
    }
    out += escapeHtml(stripMarkers(marked.slice(i, next)));
    out += open ? "</mark>" : "<mark>";
    open = !open;
    i = next + 2;
  }
  if (open) out += "</mark>";
  return out;
}

function stripMarkers(s: string): string {
  return s.replace(/[\uE000\uE001]/g, "");
}

/** Facet counts ordered by count desc, then value asc (the order both adapters return). */
export function orderFacetCounts(counts: Iterable<[string, number]>): Record<string, number> {
  const entries = [...counts].filter(([, n]) => n > 0);
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return Object.fromEntries(entries);
}
