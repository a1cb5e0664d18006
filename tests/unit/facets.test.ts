import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { facetOptions } from "~/domain/facets";

const counts = fc.dictionary(fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h"), fc.integer({ min: 0, max: 50 }));

describe("facetOptions", () => {
  it("orders by the base count, then by value, with counts from the current filters", () => {
    expect(facetOptions({ es: 3, en: 9, fr: 3 }, { en: 1, fr: 2 }, [])).toEqual([
      { value: "en", count: 1 },
      { value: "es", count: 0 },
      { value: "fr", count: 2 },
    ]);
  });

  it("keeps a selected value that no document has, at the end", () => {
    expect(facetOptions({ en: 2 }, { en: 2 }, ["zu"]).map((o) => o.value)).toEqual(["en", "zu"]);
  });

  it("the order and the set of options do not depend on the current counts or on what is ticked", () => {
    fc.assert(
      fc.property(
        counts,
        counts,
        counts,
        fc.subarray(["a", "b", "c", "d"]),
        fc.subarray(["a", "b", "c", "d"]),
        (base, cur1, cur2, sel1, sel2) => {
          const inBase = (o: { value: string }) => (base[o.value] ?? 0) > 0;
          const one = facetOptions(base, cur1, sel1)
            .filter(inBase)
            .map((o) => o.value);
          const two = facetOptions(base, cur2, sel2)
            .filter(inBase)
            .map((o) => o.value);
          expect(one).toEqual(two);
        },
      ),
    );
  });

  it("lists every value with documents, and every selected value", () => {
    fc.assert(
      fc.property(counts, counts, fc.subarray(["a", "b", "x"]), (base, cur, sel) => {
        const values = facetOptions(base, cur, sel).map((o) => o.value);
        for (const [v, n] of Object.entries(base)) if (n > 0) expect(values).toContain(v);
        for (const s of sel) expect(values).toContain(s);
        expect(new Set(values).size).toBe(values.length);
      }),
    );
  });
});
