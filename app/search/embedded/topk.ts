/** Top-k selection: the first k matching slots of a page without sorting the whole result set. */

/**
 * `topK` for a sort on a number column, without a comparator call per document: the key is
 * the value (negated for desc; missing values last), ties by id, and a document is compared
 * with the heap only when its key can beat the worst one kept.
 */
export function topKNumber(ids: readonly string[], slots: Int32Array, n: number, k: number, values: Float64Array, desc: boolean): number[] {
  if (k <= 0 || n === 0) return [];
  const keyOf = (s: number) => {
    const v = values[s];
    // documents hold finite numbers only, so +Infinity can stand for "missing" (NaN)
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : desc ? -v : v;
  };
  const worse = (ka: number, a: number, kb: number, b: number) => ka > kb || (ka === kb && ids[a] > ids[b]);
  const hs = new Int32Array(k);
  const hk = new Float64Array(k);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const s = slots[i];
    const key = keyOf(s);
    if (size < k) {
      // sift up (max-heap: the worst kept on top)
      let j = size++;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (!worse(key, s, hk[p], hs[p])) break;
        hs[j] = hs[p];
        hk[j] = hk[p];
        j = p;
      }
      hs[j] = s;
      hk[j] = key;
      continue;
    }
    if (key > hk[0] || (key === hk[0] && ids[s] > ids[hs[0]])) continue;
    // replace the top, sift down
    let j = 0;
    for (;;) {
      const l = 2 * j + 1;
      if (l >= size) break;
      const r = l + 1;
      const m = r < size && worse(hk[r], hs[r], hk[l], hs[l]) ? r : l;
      if (!worse(hk[m], hs[m], key, s)) break;
      hs[j] = hs[m];
      hk[j] = hk[m];
      j = m;
    }
    hs[j] = s;
    hk[j] = key;
  }
  const order = Array.from({ length: size }, (_, i) => i);
  order.sort((a, b) => (worse(hk[a], hs[a], hk[b], hs[b]) ? 1 : -1));
  return order.map((i) => hs[i]);
}

/** The first k slots of `slots[0..n)` in comparator order. */
export function topK(slots: Int32Array, n: number, k: number, cmp: (a: number, b: number) => number): number[] {
  if (k <= 0 || n === 0) return [];
  if (k * 8 >= n) {
    const all = Array.from(slots.subarray(0, n));
    all.sort(cmp);
    return all.slice(0, k);
  }
  // max-heap on cmp: the worst kept element on top
  const heap: number[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (cmp(heap[i], heap[p]) <= 0) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && cmp(heap[l], heap[m]) > 0) m = l;
      if (r < heap.length && cmp(heap[r], heap[m]) > 0) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let i = 0; i < n; i++) {
    const s = slots[i];
    if (heap.length < k) {
      heap.push(s);
      up(heap.length - 1);
    } else if (cmp(s, heap[0]) < 0) {
      heap[0] = s;
      down(0);
    }
  }
  return heap.sort(cmp);
}
