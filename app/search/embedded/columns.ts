/**
 * Typed-array columns of the embedded index (dictionary-encoded keywords, CSR-encoded keyword
 * arrays, Float64 numbers, Int8 booleans): filters, the sort comparator and facet counts.
 */
import { type Filter, fieldOf, type IndexDefinition, type NormalizedQuery, SearchEngineError } from "../engine.server";
import { keywordKey, orderFacetCounts } from "../text";
import { type Column, Dictionary, grow, type Predicate } from "./primitives";

export class Columns {
  private readonly def: IndexDefinition;
  /** the fields that are filterable, sortable or a facet */
  private readonly fields: string[];
  private readonly columns = new Map<string, Column>();

  constructor(def: IndexDefinition) {
    this.def = def;
    this.fields = Object.keys(def.fields).filter((name) => {
      const f = fieldOf(def, name)!;
      return f.filterable || f.sortable || f.facet;
    });
    this.reset();
  }

  get(name: string): Column | undefined {
    return this.columns.get(name);
  }

  reset() {
    this.columns.clear();
    for (const name of this.fields) {
      const type = this.def.fields[name].type;
      switch (type) {
        case "keyword":
          this.columns.set(name, { kind: "keyword", dict: new Dictionary(), codes: new Int32Array(0) });
          break;
        case "keyword[]":
          this.columns.set(name, {
            kind: "keyword[]",
            dict: new Dictionary(),
            offsets: new Int32Array(1),
            values: new Int32Array(0),
            used: 0,
          });
          break;
        case "number":
          this.columns.set(name, { kind: "number", values: new Float64Array(0) });
          break;
        case "boolean":
          this.columns.set(name, { kind: "boolean", values: new Int8Array(0) });
          break;
        default:
          break;
      }
    }
  }

  /** Grows every column to at least `cap` slots (+1 for CSR offsets). */
  grow(cap: number) {
    for (const col of this.columns.values()) {
      switch (col.kind) {
        case "keyword":
          col.codes = grow(col.codes, cap, -1);
          break;
        case "keyword[]":
          col.offsets = grow(col.offsets, cap + 1);
          break;
        case "number":
          col.values = grow(col.values, cap, Number.NaN);
          break;
        case "boolean":
          col.values = grow(col.values, cap, -1);
          break;
      }
    }
  }

  /** Writes slot `s` of every column from `doc`. */
  write(s: number, doc: Record<string, unknown>) {
    for (const [name, col] of this.columns) {
      const v = doc[name];
      switch (col.kind) {
        case "keyword":
          col.codes[s] = typeof v === "string" ? col.dict.code(v) : -1;
          break;
        case "keyword[]": {
          const start = col.offsets[s];
          let end = start;
          if (Array.isArray(v)) {
            col.values = grow(col.values, start + v.length);
            for (const x of v) {
              const c = col.dict.code(x as string);
              let dup = false;
              for (let i = start; i < end; i++) if (col.values[i] === c) dup = true;
              if (!dup) col.values[end++] = c;
            }
          }
          col.offsets[s + 1] = end;
          col.used = end;
          break;
        }
        case "number":
          col.values[s] = typeof v === "number" ? v : Number.NaN;
          break;
        case "boolean":
          col.values[s] = typeof v === "boolean" ? (v ? 1 : 0) : -1;
          break;
      }
    }
  }

  /** Rewrites the columns after compaction: slot s moves to remap[s] (or is dropped when -1). */
  compact(remap: Int32Array, size: number, cap: number) {
    for (const col of this.columns.values()) {
      switch (col.kind) {
        case "keyword": {
          const next = new Int32Array(cap).fill(-1);
          for (let s = 0; s < size; s++) if (remap[s] >= 0) next[remap[s]] = col.codes[s];
          col.codes = next;
          break;
        }
        case "keyword[]": {
          const offsets = new Int32Array(cap + 1);
          const values = new Int32Array(Math.max(16, col.used));
          let w = 0;
          for (let s = 0; s < size; s++) {
            const t = remap[s];
            if (t < 0) continue;
            for (let i = col.offsets[s]; i < col.offsets[s + 1]; i++) values[w++] = col.values[i];
            offsets[t + 1] = w;
          }
          col.offsets = offsets;
          col.values = values;
          col.used = w;
          break;
        }
        case "number": {
          const next = new Float64Array(cap).fill(Number.NaN);
          for (let s = 0; s < size; s++) if (remap[s] >= 0) next[remap[s]] = col.values[s];
          col.values = next;
          break;
        }
        case "boolean": {
          const next = new Int8Array(cap).fill(-1);
          for (let s = 0; s < size; s++) if (remap[s] >= 0) next[remap[s]] = col.values[s];
          col.values = next;
          break;
        }
      }
    }
  }

  private predicate(filter: Filter, idToSlot: ReadonlyMap<string, number>): Predicate | "none" {
    if (filter.field === "id") {
      const wanted = filter.op === "eq" ? [String(filter.value)] : filter.op === "in" ? filter.values : [];
      const slots = new Set<number>();
      for (const id of wanted) {
        const s = idToSlot.get(id);
        if (s !== undefined) slots.add(s);
      }
      if (slots.size === 0) return "none";
      return (s) => slots.has(s);
    }
    const col = this.columns.get(filter.field);
    if (!col) throw new SearchEngineError(`no column for "${filter.field}"`);
    switch (col.kind) {
      case "keyword": {
        const codes = col.codes;
        if (filter.op === "eq") {
          const c = col.dict.lookup(filter.value as string);
          if (c === undefined) return "none";
          return (s) => codes[s] === c;
        }
        if (filter.op === "in") {
          const lut = new Uint8Array(col.dict.keys.length);
          let any = false;
          for (const v of filter.values) {
            const c = col.dict.lookup(v);
            if (c !== undefined) lut[c] = 1;
            any ||= c !== undefined;
          }
          if (!any) return "none";
          return (s) => codes[s] >= 0 && lut[codes[s]] === 1;
        }
        break;
      }
      case "keyword[]": {
        const { offsets, values } = col;
        if (filter.op === "eq" || filter.op === "in") {
          const wanted = filter.op === "eq" ? [filter.value as string] : filter.values;
          const lut = new Uint8Array(col.dict.keys.length);
          let any = false;
          for (const v of wanted) {
            const c = col.dict.lookup(v);
            if (c !== undefined) lut[c] = 1;
            any ||= c !== undefined;
          }
          if (!any) return "none";
          return (s) => {
            for (let i = offsets[s], end = offsets[s + 1]; i < end; i++) if (lut[values[i]] === 1) return true;
            return false;
          };
        }
        if (filter.op === "all") {
          const codes: number[] = [];
          for (const v of new Set(filter.values.map(keywordKey))) {
            const c = col.dict.lookup(v);
            if (c === undefined) return "none";
            codes.push(c);
          }
          return (s) => {
            const start = offsets[s];
            const end = offsets[s + 1];
            for (const c of codes) {
              let found = false;
              for (let i = start; i < end; i++) {
                if (values[i] === c) {
                  found = true;
                  break;
                }
              }
              if (!found) return false;
            }
            return true;
          };
        }
        break;
      }
      case "number": {
        const vals = col.values;
        if (filter.op === "eq") {
          const v = filter.value as number;
          return (s) => vals[s] === v;
        }
        if (filter.op === "range") {
          const lo = filter.gte ?? Number.NEGATIVE_INFINITY;
          const hi = filter.lte ?? Number.POSITIVE_INFINITY;
          // NaN (missing) fails both comparisons
          return (s) => vals[s] >= lo && vals[s] <= hi;
        }
        break;
      }
      case "boolean": {
        const vals = col.values;
        if (filter.op === "eq") {
          const want = filter.value ? 1 : 0;
          return (s) => vals[s] === want;
        }
        break;
      }
    }
    throw new SearchEngineError(`filter op "${filter.op}" is not supported on "${filter.field}"`);
  }

  comparator(query: NormalizedQuery, scores: Float64Array | null, ids: readonly string[]): (a: number, b: number) => number {
    const byId = (a: number, b: number) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0);
    const sort = query.sort;
    if (sort) {
      const dir = sort.direction === "asc" ? 1 : -1;
      if (sort.field === "id") return (a, b) => dir * byId(a, b);
      const col = this.columns.get(sort.field)!;
      if (col.kind === "number") {
        const v = col.values;
        return (a, b) => {
          const x = v[a];
          const y = v[b];
          const xm = Number.isNaN(x);
          const ym = Number.isNaN(y);
          if (xm || ym) return xm && ym ? byId(a, b) : xm ? 1 : -1; // missing last
          return x === y ? byId(a, b) : x < y ? -dir : dir;
        };
      }
      if (col.kind === "keyword") {
        const codes = col.codes;
        const rank = col.dict.rank();
        return (a, b) => {
          const x = codes[a];
          const y = codes[b];
          if (x < 0 || y < 0) return x < 0 && y < 0 ? byId(a, b) : x < 0 ? 1 : -1;
          return x === y ? byId(a, b) : rank[x] < rank[y] ? -dir : dir;
        };
      }
      throw new SearchEngineError(`cannot sort on "${sort.field}"`);
    }
    if (scores) return (a, b) => (scores[a] === scores[b] ? byId(a, b) : scores[a] > scores[b] ? -1 : 1);
    return byId;
  }

  /**
   * Keeps the slots of `slots[0..n)` that pass `filter`, in place; returns the new count. The
   * common filters run as plain loops over the typed columns (no call per document); the others
   * go through `predicate`.
   */
  applyFilter(filter: Filter, slots: Int32Array, n: number, idToSlot: ReadonlyMap<string, number>): number {
    const col = filter.field === "id" ? undefined : this.columns.get(filter.field);
    let w = 0;
    if (col?.kind === "number" && filter.op === "range") {
      const vals = col.values;
      const lo = filter.gte ?? Number.NEGATIVE_INFINITY;
      const hi = filter.lte ?? Number.POSITIVE_INFINITY;
      for (let i = 0; i < n; i++) {
        const s = slots[i];
        const v = vals[s];
        if (v >= lo && v <= hi) slots[w++] = s; // NaN (missing) fails both comparisons
      }
      return w;
    }
    if (col?.kind === "keyword" && filter.op === "eq") {
      const c = col.dict.lookup(filter.value as string);
      if (c === undefined) return 0;
      const codes = col.codes;
      for (let i = 0; i < n; i++) {
        const s = slots[i];
        if (codes[s] === c) slots[w++] = s;
      }
      return w;
    }
    if (col?.kind === "keyword[]" && (filter.op === "all" || filter.op === "eq" || filter.op === "in")) {
      const wanted = filter.op === "eq" ? [filter.value as string] : filter.values;
      const keys = new Set(wanted.map(keywordKey));
      if (keys.size === 1 || filter.op === "all") {
        // one value (any op), or "all": every wanted code must be present
        const codes: number[] = [];
        for (const key of keys) {
          const c = col.dict.lookup(key);
          if (c === undefined) return 0; // a wanted value no document has
          codes.push(c);
        }
        const { offsets, values } = col;
        for (let i = 0; i < n; i++) {
          const s = slots[i];
          const end = offsets[s + 1];
          let ok = true;
          for (let j = 0; j < codes.length && ok; j++) {
            const c = codes[j];
            let found = false;
            for (let x = offsets[s]; x < end; x++) {
              if (values[x] === c) {
                found = true;
                break;
              }
            }
            ok = found;
          }
          if (ok) slots[w++] = s;
        }
        return w;
      }
    }
    const pred = this.predicate(filter, idToSlot);
    if (pred === "none") return 0;
    for (let i = 0; i < n; i++) {
      const s = slots[i];
      if (pred(s)) slots[w++] = s;
    }
    return w;
  }

  facet(name: string, slots: Int32Array, n: number): Record<string, number> {
    const col = this.columns.get(name)!;
    switch (col.kind) {
      case "keyword": {
        const counts = new Int32Array(col.dict.keys.length);
        const codes = col.codes;
        for (let i = 0; i < n; i++) {
          const c = codes[slots[i]];
          if (c >= 0) counts[c]++;
        }
        return orderFacetCounts(col.dict.display.map((v, c) => [v, counts[c]] as [string, number]));
      }
      case "keyword[]": {
        const counts = new Int32Array(col.dict.keys.length);
        const { offsets, values } = col;
        for (let i = 0; i < n; i++) {
          const s = slots[i];
          for (let j = offsets[s], end = offsets[s + 1]; j < end; j++) counts[values[j]]++;
        }
        return orderFacetCounts(col.dict.display.map((v, c) => [v, counts[c]] as [string, number]));
      }
      case "boolean": {
        let t = 0;
        let f = 0;
        const vals = col.values;
        for (let i = 0; i < n; i++) {
          const v = vals[slots[i]];
          if (v === 1) t++;
          else if (v === 0) f++;
        }
        return orderFacetCounts([
          ["true", t],
          ["false", f],
        ]);
      }
      default:
        throw new SearchEngineError(`"${name}" cannot be a facet`);
    }
  }
}
