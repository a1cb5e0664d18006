/** Storage primitives of the embedded index: growable typed arrays, keyword dictionaries and the shape of a column. */
import { keywordKey } from "../text";

export type IntArray = Int32Array | Int8Array | Float64Array | Float32Array | Uint8Array;

/** A copy of `arr` with length >= min (doubling), new entries set to `fill` (default 0). */
export function grow<T extends IntArray>(arr: T, min: number, fill?: number): T {
  if (arr.length >= min) return arr;
  let cap = Math.max(2, arr.length);
  while (cap < min) cap *= 2;
  const next = new (arr.constructor as new (n: number) => T)(cap);
  next.set(arr);
  if (fill !== undefined) next.fill(fill, arr.length);
  return next;
}

export class Dictionary {
  readonly codes = new Map<string, number>();
  /** first spelling seen, reported in facets */
  readonly display: string[] = [];
  readonly keys: string[] = [];
  private rankCache: Int32Array | null = null;

  code(value: string): number {
    const key = keywordKey(value);
    let c = this.codes.get(key);
    if (c === undefined) {
      c = this.keys.length;
      this.codes.set(key, c);
      this.keys.push(key);
      this.display.push(value);
      this.rankCache = null;
    }
    return c;
  }

  lookup(value: string): number | undefined {
    return this.codes.get(keywordKey(value));
  }

  /** code -> position of its key in sorted order */
  rank(): Int32Array {
    if (this.rankCache) return this.rankCache;
    const order = this.keys.map((_, i) => i).sort((a, b) => (this.keys[a] < this.keys[b] ? -1 : this.keys[a] > this.keys[b] ? 1 : 0));
    const rank = new Int32Array(this.keys.length);
    order.forEach((code, i) => {
      rank[code] = i;
    });
    this.rankCache = rank;
    return rank;
  }
}

export type Column =
  | { kind: "keyword"; dict: Dictionary; codes: Int32Array }
  | { kind: "keyword[]"; dict: Dictionary; offsets: Int32Array; values: Int32Array; used: number }
  | { kind: "number"; values: Float64Array }
  | { kind: "boolean"; values: Int8Array };

export type Predicate = (slot: number) => boolean;
