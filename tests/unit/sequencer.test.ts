/**
 * The test files' order (tests/setup/sequencer.ts): longest first, and when the run has to install
 * Chromium first, the browser test files behind enough other work to cover the install.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { longestFirst } from "../setup/sequencer";

interface F {
  name: string;
  s: number;
  browser: boolean;
}
const f = (name: string, s: number, browser = false): F => ({ name, s, browser });
const order = (files: F[], later: boolean, cover = 150_000) =>
  longestFirst(
    files,
    (x) => x.s * 1000,
    (x) => x.browser,
    later,
    cover,
  ).map((x) => x.name);

describe("longestFirst", () => {
  const files = [f("unit", 1), f("layout", 125, true), f("fuzz1", 105), f("fuzz2", 105), f("journey", 39, true), f("matrix", 65)];

  it("puts the longest files first when Chromium is there", () => {
    expect(order(files, false)).toEqual(["layout", "fuzz1", "fuzz2", "matrix", "journey", "unit"]);
  });

  it("starts browser files only after 150 s of other work when Chromium is being installed", () => {
    expect(order(files, true)).toEqual(["fuzz1", "fuzz2", "layout", "matrix", "journey", "unit"]);
  });

  it("with too little other work, every other file goes first", () => {
    expect(order([f("b", 10, true), f("a", 1), f("c", 2)], true)).toEqual(["c", "a", "b"]);
  });

  it("property: the same files, each once; without an install the order is by weight; with one, no browser file before the cover", () => {
    const arb = fc.array(fc.record({ s: fc.integer({ min: 0, max: 300 }), browser: fc.boolean() }), { maxLength: 30 });
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 400 }), (raw, coverS) => {
        const files = raw.map((r, i) => f(`f${i}`, r.s, r.browser));
        for (const later of [false, true]) {
          const out = longestFirst(
            files,
            (x) => x.s * 1000,
            (x) => x.browser,
            later,
            coverS * 1000,
          );
          expect([...out].sort((a, b) => a.name.localeCompare(b.name))).toEqual([...files].sort((a, b) => a.name.localeCompare(b.name)));
          if (!later) for (let i = 1; i < out.length; i++) expect(out[i - 1].s).toBeGreaterThanOrEqual(out[i].s);
          else {
            let before = 0;
            for (const x of out) {
              if (x.browser) {
                const others = files.filter((y) => !y.browser).reduce((n, y) => n + y.s, 0);
                expect(before >= coverS || before === others).toBe(true);
                break;
              }
              before += x.s;
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
