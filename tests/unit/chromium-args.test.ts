import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WINDOW_FEATURES_OFF, mergeDisabledFeatures } from "../../scripts/lib/chromium";

describe("mergeDisabledFeatures (one --disable-features for the run's Chromium)", () => {
  it("drops Playwright's argument and returns one holding its features, then ours", () => {
    const launched = ["/usr/bin/chromium", "--disable-extensions", "--disable-features=PaintHolding,MediaRouter", "--headless"];
    expect(mergeDisabledFeatures(launched, WINDOW_FEATURES_OFF)).toEqual({
      ignore: ["--disable-features=PaintHolding,MediaRouter"],
      arg: "--disable-features=PaintHolding,MediaRouter,WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIReloadButton",
    });
  });

  it("works when Playwright passes none, and does not repeat a feature both lists name", () => {
    expect(mergeDisabledFeatures(["--headless"], ["A", "B"])).toEqual({ ignore: [], arg: "--disable-features=A,B" });
    expect(mergeDisabledFeatures(["--disable-features=A,B"], ["B", "C"]).arg).toBe("--disable-features=A,B,C");
  });

  it("keeps every feature of every --disable-features it was given, and every extra one, exactly once", () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/);
    fc.assert(
      fc.property(
        fc.array(fc.array(name, { minLength: 1, maxLength: 5 }), { maxLength: 3 }),
        fc.array(name, { maxLength: 5 }),
        (lists, extra) => {
          const launched = ["--headless", ...lists.map((l) => `--disable-features=${l.join(",")}`)];
          const { ignore, arg } = mergeDisabledFeatures(launched, extra);
          expect(ignore).toHaveLength(lists.length);
          const merged = arg.slice("--disable-features=".length).split(",").filter(Boolean);
          expect(new Set(merged)).toEqual(new Set([...lists.flat(), ...extra]));
          expect(merged).toHaveLength(new Set(merged).size);
        },
      ),
    );
  });
});
