/**
 * Seeded pseudo-random numbers for the demo-data generator. Pure and deterministic:
 * the same seed always yields the same sequence, on every platform (32-bit integer
 * arithmetic only; floats are derived from integers).
 *
 * The generator is a Weyl sequence (a counter stepped by an odd constant) whose
 * output goes through a 32-bit avalanche mix. Good enough for synthetic data, not
 * for anything security-related.
 */

/** Mixes a 32-bit integer so that every input bit affects every output bit. */
function avalanche(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** Stable 32-bit hash of a list of strings / numbers (used to derive sub-streams). */
export function hash32(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = typeof part === "number" ? `#${part}` : part;
    for (let i = 0; i < s.length; i++) {
      h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    }
    h = avalanche(h ^ 0x5bd1e995);
  }
  return h >>> 0;
}

export interface Weighted<T> {
  value: T;
  weight: number;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = avalanche(seed >>> 0) | 0;
  }

  /** A new independent stream for `parts`, derived from this stream's seed material. */
  static of(seed: number, ...parts: readonly (string | number)[]): Rng {
    return new Rng(hash32(seed, ...parts));
  }

  /** Uniform integer in [0, 2^32). */
  u32(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    return avalanche(this.state);
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    if (hi <= lo) return lo;
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** Uniform float in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + this.float() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.float() * items.length)];
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly Weighted<T>[]): T {
    let total = 0;
    for (const i of items) total += Math.max(0, i.weight);
    let r = this.float() * total;
    for (const i of items) {
      r -= Math.max(0, i.weight);
      if (r < 0) return i.value;
    }
    return items[items.length - 1].value;
  }

  /** Fisher–Yates, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.float() * (i + 1));
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  /** `k` distinct items (fewer if the list is shorter), in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    if (k >= items.length) return this.shuffle([...items]);
    if (k * 4 < items.length) {
      const chosen = new Set<number>();
      const out: T[] = [];
      while (out.length < k) {
        const i = Math.floor(this.float() * items.length);
        if (!chosen.has(i)) {
          chosen.add(i);
          out.push(items[i]);
        }
      }
      return out;
    }
    return this.shuffle([...items]).slice(0, k);
  }

  /** Roughly bell-shaped in [lo, hi] (mean of three uniforms). */
  bell(lo: number, hi: number): number {
    return lo + ((this.float() + this.float() + this.float()) / 3) * (hi - lo);
  }
}

/** Turns a weight table into the list `Rng.weighted` takes. */
export function weights<K extends string>(table: Partial<Record<K, number>>): Weighted<K>[] {
  return (Object.entries(table) as [K, number][]).map(([value, weight]) => ({ value, weight }));
}
