/** Pure helpers of the search layer: Meilisearch filter/settings builders and text utilities. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Filter,
  type IndexDefinition,
  SearchDefinitionError,
  SearchQueryError,
  validateDefinition,
  validateQuery,
} from "~/search/engine.server";
import {
  buildMeiliFilter,
  buildMeiliSettings,
  formatFilterNumber,
  meiliFilterExpression,
  meiliQueryString,
  meiliSort,
  quoteFilterString,
  settingsDiff,
} from "~/search/query";
import {
  bidirectionalSynonyms,
  boundedDistance,
  boundedPrefixDistance,
  escapeHtml,
  highlightText,
  MARK_POST,
  MARK_PRE,
  markersToHtml,
  orderFacetCounts,
  tokenize,
} from "~/search/text";

/** Reads one Meilisearch double-quoted literal back (the grammar: \" and \\ are escapes). */
function unquote(literal: string): string {
  expect(literal.startsWith('"')).toBe(true);
  let out = "";
  for (let i = 1; i < literal.length; i++) {
    const c = literal[i];
    if (c === "\\") {
      out += literal[++i];
      continue;
    }
    if (c === '"') {
      expect(i).toBe(literal.length - 1); // the first unescaped quote must be the closing one
      return out;
    }
    out += c;
  }
  throw new Error("unterminated literal");
}

describe("Meilisearch filter literals", () => {
  it("quotes and escapes quotes and backslashes", () => {
    expect(quoteFilterString("open")).toBe('"open"');
    expect(quoteFilterString('say "hi"')).toBe('"say \\"hi\\""');
    expect(quoteFilterString("C:\\path\\")).toBe('"C:\\\\path\\\\"');
    expect(quoteFilterString("")).toBe('""');
    expect(quoteFilterString("a'b")).toBe(`"a'b"`);
  });

  it("round-trips any string and never closes early (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(unquote(quoteFilterString(s))).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps injection attempts inside the literal", () => {
    const evil = 'lab_a" OR labId = "lab_b';
    const expr = meiliFilterExpression({ field: "labId", op: "eq", value: evil });
    expect(expr).toBe('labId = "lab_a\\" OR labId = \\"lab_b"');
    expect(unquote(expr.slice("labId = ".length))).toBe(evil);
    const trailing = 'x\\" OR 1 = 1 OR y = "';
    expect(unquote(quoteFilterString(trailing))).toBe(trailing);
  });

  it("formats numbers without exponents", () => {
    expect(formatFilterNumber(42)).toBe("42");
    expect(formatFilterNumber(-3.5)).toBe("-3.5");
    expect(formatFilterNumber(-0)).toBe("0");
    expect(formatFilterNumber(1e21)).toBe("1000000000000000000000");
    expect(formatFilterNumber(1e-7)).toBe("0.0000001");
    expect(formatFilterNumber(-1.5e-10)).toBe("-0.00000000015");
    expect(formatFilterNumber(1.25e22)).toBe("12500000000000000000000");
    expect(formatFilterNumber(1_700_000_000_123)).toBe("1700000000123");
    expect(() => formatFilterNumber(Number.NaN)).toThrow(SearchQueryError);
    expect(() => formatFilterNumber(Number.POSITIVE_INFINITY)).toThrow(SearchQueryError);
  });

  it("formats numbers so they parse back exactly (property)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const s = formatFilterNumber(n);
        expect(s).not.toMatch(/e/i);
        expect(Number(s)).toBe(Object.is(n, -0) ? 0 : n);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("Meilisearch filter expressions", () => {
  const cases: [Filter, string][] = [
    [{ field: "status", op: "eq", value: "open" }, 'status = "open"'],
    [{ field: "pay", op: "eq", value: 90 }, "pay = 90"],
    [{ field: "remote", op: "eq", value: true }, "remote = true"],
    [{ field: "remote", op: "eq", value: false }, "remote = false"],
    [{ field: "modality", op: "in", values: ["audio", 'vi"deo'] }, 'modality IN ["audio", "vi\\"deo"]'],
    [{ field: "taskTypes", op: "all", values: ["A", "B"] }, '(taskTypes = "A" AND taskTypes = "B")'],
    [{ field: "taskTypes", op: "all", values: ["A"] }, 'taskTypes = "A"'],
    [{ field: "pay", op: "range", gte: 10, lte: 20.5 }, "(pay >= 10 AND pay <= 20.5)"],
    [{ field: "pay", op: "range", gte: -5 }, "pay >= -5"],
    [{ field: "pay", op: "range", lte: 7 }, "pay <= 7"],
  ];
  for (const [filter, want] of cases) {
    it(`${filter.op} on ${filter.field}`, () => {
      expect(meiliFilterExpression(filter)).toBe(want);
    });
  }

  it("AND-s filters with parentheses, scope first", () => {
    expect(buildMeiliFilter([])).toBeUndefined();
    expect(buildMeiliFilter([{ field: "labId", op: "eq", value: "a" }])).toBe('labId = "a"');
    expect(
      buildMeiliFilter([
        { field: "labId", op: "in", values: ["a", "b"] },
        { field: "pay", op: "range", gte: 1, lte: 2 },
      ]),
    ).toBe('(labId IN ["a", "b"]) AND ((pay >= 1 AND pay <= 2))');
  });

  it("refuses field names it would have to quote, and empty value lists", () => {
    expect(() => meiliFilterExpression({ field: "pay OR 1", op: "eq", value: 1 })).toThrow(SearchQueryError);
    expect(() => meiliFilterExpression({ field: "_geo", op: "eq", value: 1 })).toThrow(SearchQueryError);
    expect(() => meiliFilterExpression({ field: "a", op: "in", values: [] })).toThrow(SearchQueryError);
    expect(() => meiliFilterExpression({ field: "a", op: "range" })).toThrow(SearchQueryError);
  });
});

describe("Meilisearch query string and sort", () => {
  it("removes quotes (no phrase search) and quotes each word when typos are off", () => {
    expect(meiliQueryString('  executive "producer" ', true)).toBe("executive producer");
    expect(meiliQueryString("executive producer", false)).toBe('"executive" "producer"');
    expect(meiliQueryString("a - b", false)).toBe('"a" "b"');
    expect(meiliQueryString("", false)).toBe("");
  });

  it("adds the id tie-break", () => {
    expect(meiliSort({ field: "pay", direction: "desc" }, true)).toEqual(["pay:desc", "id:asc"]);
    expect(meiliSort({ field: "id", direction: "desc" }, false)).toEqual(["id:desc"]);
    expect(meiliSort(undefined, false)).toEqual(["id:asc"]);
    expect(meiliSort(undefined, true)).toBeUndefined();
  });
});

const DEF: IndexDefinition = {
  name: "gigs",
  primaryKey: "id",
  fields: {
    title: { type: "text" },
    tags: { type: "keyword[]", facet: true },
    status: { type: "keyword", filterable: true, sortable: true },
    pay: { type: "number", filterable: true, sortable: true },
    remote: { type: "boolean", facet: true },
    internal: { type: "text", searchable: false },
  },
  searchableOrder: ["title"],
  synonyms: { showrunner: ["Executive Producer"], dp: ["cinematographer", "director of photography"] },
};

describe("Meilisearch settings", () => {
  const settings = buildMeiliSettings(DEF, { maxTotalHits: 5000, maxValuesPerFacet: 300 });

  it("maps the definition", () => {
    expect(settings.searchableAttributes).toEqual(["title"]);
    expect(settings.filterableAttributes).toEqual(["id", "tags", "status", "pay", "remote"]);
    expect(settings.sortableAttributes).toEqual(["id", "status", "pay"]);
    expect(settings.rankingRules?.[0]).toBe("sort");
    expect(settings.pagination).toEqual({ maxTotalHits: 5000 });
    expect(settings.faceting?.maxValuesPerFacet).toBe(300);
  });

  it("declares synonyms in both directions, folded", () => {
    expect(settings.synonyms).toEqual({
      showrunner: ["executive producer"],
      "executive producer": ["showrunner"],
      dp: ["cinematographer", "director of photography"],
      cinematographer: ["dp"],
      "director of photography": ["dp"],
    });
  });

  it("diffs against the server's settings, ignoring order of sets and extra keys", () => {
    const server = {
      ...structuredClone(settings),
      filterableAttributes: ["remote", "pay", "status", "tags", "id"],
      typoTolerance: { ...settings.typoTolerance, disableOnNumbers: false },
      proximityPrecision: "byWord" as const,
      synonyms: { ...settings.synonyms, dp: ["director of photography", "cinematographer"] },
    };
    expect(settingsDiff(settings, server)).toEqual({});
    const changed = { ...server, searchableAttributes: ["*"], rankingRules: ["words", "sort"] };
    expect(Object.keys(settingsDiff(settings, changed)).sort()).toEqual(["rankingRules", "searchableAttributes"]);
  });
});

describe("definition and query validation", () => {
  it("accepts a consistent definition", () => {
    expect(() => validateDefinition(DEF)).not.toThrow();
  });

  const broken: [string, Partial<IndexDefinition>][] = [
    ["bad name", { name: "gigs prod" }],
    ["declared id", { fields: { ...DEF.fields, id: { type: "keyword" } } }],
    ["filterable text", { fields: { ...DEF.fields, title: { type: "text", filterable: true } } }],
    ["sortable keyword[]", { fields: { ...DEF.fields, tags: { type: "keyword[]", sortable: true } } }],
    ["number facet", { fields: { ...DEF.fields, pay: { type: "number", facet: true } } }],
    ["searchable number", { fields: { ...DEF.fields, pay: { type: "number", searchable: true } } }],
    ["searchable text missing from order", { searchableOrder: [] }],
    ["order names non-searchable", { searchableOrder: ["title", "internal"] }],
    ["order repeats", { searchableOrder: ["title", "title"] }],
    ["bad field name", { fields: { ...DEF.fields, _geo: { type: "number" } } }],
    ["empty synonym", { synonyms: { dp: [""] } }],
  ];
  for (const [label, patch] of broken) {
    it(`rejects ${label}`, () => {
      expect(() => validateDefinition({ ...DEF, ...patch } as IndexDefinition)).toThrow(SearchDefinitionError);
    });
  }

  it("applies defaults and puts scope filters first", () => {
    const q = validateQuery(DEF, { filters: [{ field: "pay", op: "range", gte: 1 }] }, [{ field: "status", op: "eq", value: "open" }]);
    expect(q).toEqual({
      q: "",
      filters: [
        { field: "status", op: "eq", value: "open" },
        { field: "pay", op: "range", gte: 1 },
      ],
      facets: [],
      sort: undefined,
      page: 1,
      perPage: 20,
      highlight: [],
      typoTolerance: true,
      retrieve: null,
    });
  });

  it("names the offending field", () => {
    try {
      validateQuery(DEF, { filters: [{ field: "title", op: "eq", value: "x" }] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SearchQueryError);
      expect((e as SearchQueryError).field).toBe("title");
      expect((e as Error).message).toMatch(/"title" is not filterable/);
    }
  });
});

describe("text helpers", () => {
  it("tokenizes: lower-case, accents folded, split on non-alphanumerics", () => {
    expect(tokenize("Émile's DP-work, 2019!")).toEqual(["emile", "s", "dp", "work", "2019"]);
    expect(tokenize("  ")).toEqual([]);
  });

  it("computes bounded edit distance with transpositions", () => {
    expect(boundedDistance("dialogue", "dialouge", 1)).toBe(1);
    expect(boundedDistance("producer", "prodcuer", 1)).toBe(1);
    expect(boundedDistance("kitten", "sitting", 2)).toBe(-1);
    expect(boundedDistance("kitten", "sitting", 3)).toBe(3);
    expect(boundedDistance("same", "same", 0)).toBe(0);
    expect(boundedDistance("abc", "abcdef", 2)).toBe(-1);
  });

  it("computes the bounded distance to the nearest prefix (the last query word's typo-tolerant prefix)", () => {
    expect(boundedPrefixDistance("story", "stories", 1)).toBe(1);
    expect(boundedPrefixDistance("comedy", "comedic", 1)).toBe(1);
    expect(boundedPrefixDistance("dailo", "dialogue", 1)).toBe(1);
    expect(boundedPrefixDistance("transcr", "transcription", 1)).toBe(0);
    expect(boundedPrefixDistance("trenzcr", "transcription", 1)).toBe(-1);
    expect(boundedPrefixDistance("", "abc", 1)).toBe(-1);
  });

  it("prefix distance = the smallest distance to any non-empty prefix (property)", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "d"), maxLength: 8 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 2 }), (a, b, max) => {
        let best = -1;
        for (let l = 1; l <= b.length; l++) {
          const d = boundedDistance(a, b.slice(0, l), max);
          if (d >= 0 && (best < 0 || d < best)) best = d;
        }
        expect(boundedPrefixDistance(a, b, max)).toBe(a.length === 0 ? -1 : best);
      }),
      { numRuns: 2000 },
    );
  });

  it("escapes HTML", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("highlights whole words and prefixes, escaping everything else", () => {
    const m = { words: new Set(["dialogue"]), prefixes: ["prod"] };
    expect(highlightText("<b>Dialogue</b> & Producers", m)).toBe("&lt;b&gt;<mark>Dialogue</mark>&lt;/b&gt; &amp; <mark>Prod</mark>ucers");
    expect(highlightText("Café dialogue", { words: new Set(["cafe"]), prefixes: [] })).toBe("<mark>Café</mark> dialogue");
  });

  it("turns Meilisearch markers into safe <mark> HTML", () => {
    expect(markersToHtml(`<i>x</i> ${MARK_PRE}Dialogue${MARK_POST} & co`)).toBe("&lt;i&gt;x&lt;/i&gt; <mark>Dialogue</mark> &amp; co");
    // a stray marker from the document cannot leave a tag open
    expect(markersToHtml(`a ${MARK_PRE}b`)).toBe("a <mark>b</mark>");
    expect(markersToHtml("\uE000 plain")).toBe(" plain");
  });

  it("produces only <mark> tags from arbitrary marked text (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constant(MARK_PRE), fc.constant(MARK_POST), fc.constant("<script>"))), (parts) => {
        const html = markersToHtml(parts.join(""));
        expect(html.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
        expect((html.match(/<mark>/g) ?? []).length).toBe((html.match(/<\/mark>/g) ?? []).length);
      }),
    );
  });

  it("orders facet counts by count, then value, dropping zeros", () => {
    expect(
      Object.entries(
        orderFacetCounts([
          ["b", 2],
          ["a", 2],
          ["c", 5],
          ["z", 0],
        ]),
      ),
    ).toEqual([
      ["c", 5],
      ["a", 2],
      ["b", 2],
    ]);
  });

  it("builds a bidirectional synonym table", () => {
    expect(bidirectionalSynonyms({ DP: ["Cinematographer"] })).toEqual({ dp: ["cinematographer"], cinematographer: ["dp"] });
  });
});
