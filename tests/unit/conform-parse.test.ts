/**
 * parseSubmission (app/components/conform.tsx) with hostile field names: Conform builds a real
 * array up to a name's list index and echoes the values back on error, so `x[99999999]` used to
 * cost ~50 s of CPU and a 500 MB answer. Such fields are dropped; ordinary lists still parse.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseSubmission, withoutHugeIndices } from "~/components/conform";

const schema = z.object({ intent: z.literal("create"), name: z.string().min(1, "Name it."), tags: z.array(z.string()).optional() });

function form(entries: [string, string][]) {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

describe("parseSubmission with huge list indices", () => {
  it("answers a refusal quickly and small when a field name carries a huge index", () => {
    const started = performance.now();
    const submission = parseSubmission(
      form([
        ["intent", "create"],
        ["x[99999999]", "a"],
        ["y.z[5000][1]", "b"],
      ]),
      schema,
    );
    expect(submission.status).toBe("error");
    const reply = submission.reply();
    expect(JSON.stringify(reply).length).toBeLessThan(1000);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(reply.error).toEqual({ name: ["Invalid input: expected string, received undefined"] });
  });

  it("keeps list fields up to index 1000 and everything without an index (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("tags", "name", "note"), fc.nat({ max: 1000 }), fc.string({ maxLength: 5 })), { maxLength: 6 }),
        (fields) => {
          const entries: [string, string][] = fields.map(([n, i, v]) => [`${n}[${i}]`, v]);
          const plain: [string, string][] = [
            ["intent", "create"],
            ["name", "ok"],
          ];
          const kept = withoutHugeIndices(form([...plain, ...entries]));
          expect([...kept.entries()]).toEqual([...plain, ...entries]);
        },
      ),
    );
    const parsed = parseSubmission(
      form([
        ["intent", "create"],
        ["name", "ok"],
        ["tags[0]", "a"],
        ["tags[1]", "b"],
      ]),
      schema,
    );
    expect(parsed.status === "success" && parsed.value).toEqual({ intent: "create", name: "ok", tags: ["a", "b"] });
  });

  it("drops only the fields with an index above 1000", () => {
    const kept = withoutHugeIndices(
      form([
        ["name", "ok"],
        ["tags[1001]", "x"],
        ["tags[1000]", "y"],
        ["a[1][2000]", "z"],
      ]),
    );
    expect([...kept.entries()]).toEqual([
      ["name", "ok"],
      ["tags[1000]", "y"],
    ]);
  });
});
