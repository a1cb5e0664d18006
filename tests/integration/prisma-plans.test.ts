/**
 * app/prisma-plans.server.ts (decision 0049): Prisma's query plans are reused for repeated requests,
 * and that changes nothing a query returns or writes.
 */
import { QueryCompiler } from "@prisma/client/runtime/query_compiler_bg.postgresql.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { MAX_PLANS, installPlanCache, planCacheStats } from "~/prisma-plans.server";
import { seedTransferRules } from "~/services/transfer.server";
import { useFreshDatabase } from "../setup/db";

await useFreshDatabase();

beforeAll(async () => {
  await seedTransferRules(db());
});

const stats = () => planCacheStats() ?? { hits: Number.NaN, misses: Number.NaN };
const TO = "plans@example.test";

describe("Prisma query plans reused", () => {
  it("is installed once for the process, by the database module", () => {
    const before = stats();
    expect(Number.isFinite(before.hits)).toBe(true);
    installPlanCache(); // a second install keeps the same wrapper and counts
    expect(stats()).toEqual(before);
    expect(Object.getOwnPropertySymbols(QueryCompiler.prototype).map(String)).toContain("Symbol(second-act.prisma-plan-cache)");
  });

  it("compiles a repeated request once and answers it as before", async () => {
    const query = () => db().transferRule.findMany({ where: { taskType: "COMEDIC_TIMING_EVAL" }, orderBy: { key: "asc" } });
    const first = await query();
    const before = stats();
    const second = await query();
    const after = stats();
    expect(after.hits - before.hits).toBe(1);
    expect(after.misses).toBe(before.misses);
    expect(second).toEqual(first);
    expect(second.length).toBeGreaterThan(0);
  });

  it("keeps requests that differ only in a value apart", async () => {
    const a = await db().transferRule.findMany({ where: { taskType: "COMEDIC_TIMING_EVAL" }, select: { taskType: true } });
    const b = await db().transferRule.findMany({ where: { taskType: "SCRIPT_RUBRIC_GRADING" }, select: { taskType: true } });
    expect(new Set(a.map((r) => r.taskType))).toEqual(new Set(["COMEDIC_TIMING_EVAL"]));
    expect(new Set(b.map((r) => r.taskType))).toEqual(new Set(["SCRIPT_RUBRIC_GRADING"]));
  });

  it("generates ids and times for every execution, not once per plan", async () => {
    const data = { to: TO, subject: "Same request", text: "Twice", kind: "TEST" };
    const one = await db().mailMessage.create({ data });
    await new Promise((r) => setTimeout(r, 15));
    const before = stats();
    const two = await db().mailMessage.create({ data });
    expect(stats().hits - before.hits).toBe(1);
    expect(two.id).not.toBe(one.id);
    expect(two.createdAt.getTime()).toBeGreaterThan(one.createdAt.getTime());
    expect(await db().mailMessage.count({ where: { to: TO } })).toBe(2);

    // @updatedAt likewise: the same update twice moves the time on.
    const key = (await db().transferRule.findFirstOrThrow({ select: { key: true } })).key;
    const u1 = await db().transferRule.update({ where: { key }, data: { rationale: "Same text" } });
    await new Promise((r) => setTimeout(r, 15));
    const u2 = await db().transferRule.update({ where: { key }, data: { rationale: "Same text" } });
    expect(u2.updatedAt.getTime()).toBeGreaterThan(u1.updatedAt.getTime());
  });

  it("hands every caller its own copy of a plan: changing one does not reach the next query", async () => {
    // Catch the client's compiler (Prisma keeps it private) while it compiles one query.
    let compiler: QueryCompiler | undefined;
    const wrapped = QueryCompiler.prototype.compile;
    QueryCompiler.prototype.compile = function catchIt(this: QueryCompiler, request: string) {
      compiler = this;
      return wrapped.call(this, request);
    };
    try {
      await db().mailMessage.count({ where: { to: TO } });
    } finally {
      QueryCompiler.prototype.compile = wrapped;
    }
    const request = JSON.stringify({
      modelName: "MailMessage",
      action: "findMany",
      query: { arguments: { where: { to: TO } }, selection: { $composites: true, $scalars: true } },
    });
    const first = compiler!.compile(request) as Record<string, unknown>;
    const pristine = JSON.stringify(first);
    const second = compiler!.compile(request) as Record<string, unknown>;
    expect(second).not.toBe(first);
    expect(JSON.stringify(second)).toBe(pristine);
    // Whatever the executor or a caller does to one copy stays in that copy.
    first.type = "changed";
    (second.args as Record<string, unknown>).expr = null;
    expect(JSON.stringify(compiler!.compile(request))).toBe(pristine);
    // And the query itself still answers as before.
    expect(await db().mailMessage.findMany({ where: { to: TO } })).toHaveLength(2);
  });

  it("keeps at most MAX_PLANS plans per client, dropping the least recently used", async () => {
    const before = stats();
    for (let i = 0; i < MAX_PLANS + 50; i++) await db().mailMessage.findFirst({ where: { subject: `distinct ${i}` } });
    const after = stats();
    expect(after.misses - before.misses).toBe(MAX_PLANS + 50);
    // The first of those was dropped: asking again compiles it again.
    await db().mailMessage.findFirst({ where: { subject: "distinct 0" } });
    expect(stats().misses - after.misses).toBe(1);
    // The most recent one is still there.
    await db().mailMessage.findFirst({ where: { subject: `distinct ${MAX_PLANS + 49}` } });
    expect(stats().hits - after.hits).toBe(1);
  });
});
