import { describe, expect, it } from "vitest";
import { createDb } from "~/db.server";
import { DEFAULT_TRANSFER_RULES } from "~/domain/default-rules";
import { normalizeChecklist } from "~/domain/onboarding";
import { verifyPassword } from "~/password.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../prisma/demo/accounts";
import { datasetCounts, generateDataset } from "../../prisma/demo/generator";
import { databaseCounts, loadDataset, wipeDatabase } from "../../prisma/demo/load";
import { seedIfEmpty } from "../../prisma/seed";
import { useFreshDatabase } from "../setup/db";

const url = await useFreshDatabase();
const bulkUrl = await useFreshDatabase();

describe("seedIfEmpty", () => {
  const logs: string[] = [];
  let firstMs = 0;
  let first: boolean;
  let afterFirst: Record<string, number>;

  it("loads the demo dataset into an empty database, quickly", async () => {
    const t0 = Date.now();
    first = await seedIfEmpty(url, (m) => logs.push(m));
    firstMs = Date.now() - t0;
    expect(first).toBe(true);
    expect(firstMs).toBeLessThan(10_000);
    const db = createDb(url, 2);
    try {
      afterFirst = await databaseCounts(db);
    } finally {
      await db.$disconnect();
    }
    // Same size and year as what seedIfEmpty generated: the counts are deterministic.
    expect(afterFirst).toEqual(datasetCounts(generateDataset({ size: "demo", now: new Date() })));
    expect(afterFirst.profiles).toBe(200);
    expect(afterFirst.gigs).toBe(60);
    expect(logs.join("\n")).toContain("pro@demo.secondact.test");
    expect(logs.join("\n")).toContain(DEMO_PASSWORD);
  });

  it("does nothing the second time", async () => {
    expect(first).toBe(true);
    const second = await seedIfEmpty(url, (m) => logs.push(m));
    expect(second).toBe(false);
    expect(logs[logs.length - 1]).toMatch(/already has data/);
    const db = createDb(url, 2);
    try {
      expect(await databaseCounts(db)).toEqual(afterFirst);
    } finally {
      await db.$disconnect();
    }
  });

  it("creates the demo accounts with the right roles and the demo password", async () => {
    const db = createDb(url, 2);
    try {
      for (const account of DEMO_ACCOUNTS) {
        const user = await db.user.findUnique({ where: { email: account.email } });
        expect(user?.role, account.email).toBe(account.role);
        expect(user?.name).toBe(account.name);
        expect(user?.emailVerifiedAt).not.toBeNull();
      }
      const admin = await db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS[0].email } });
      expect(await verifyPassword(admin.passwordHash, DEMO_PASSWORD)).toBe(true);
      // One hash shared by everyone.
      expect(await db.user.groupBy({ by: ["passwordHash"], _count: true })).toHaveLength(1);

      const lab = await db.user.findUniqueOrThrow({
        where: { email: "lab@demo.secondact.test" },
        include: { labMember: { include: { lab: true } } },
      });
      expect(lab.labMember?.role).toBe("OWNER");
      expect(lab.labMember?.lab.name).toBe("Lumen Foundry");

      const pro = await db.user.findUniqueOrThrow({
        where: { email: "pro@demo.secondact.test" },
        include: {
          profile: { include: { credits: true, applications: { include: { transitions: { orderBy: { at: "asc" } } } } } },
          notifications: true,
        },
      });
      expect(pro.role).toBe("PROFESSIONAL");
      expect(pro.profile?.credits.length).toBe(6);
      expect(pro.profile?.applications.map((a) => a.stage).sort()).toEqual(["ACTIVE", "CONTRACTING", "SHORTLISTED"]);
      expect(pro.notifications.length).toBeGreaterThan(0);
      for (const app of pro.profile!.applications) {
        expect(normalizeChecklist(app.checklist)).toEqual(app.checklist);
        expect(app.transitions[app.transitions.length - 1].toStage).toBe(app.stage);
      }
      const scores = pro.profile!.transferScores as Record<string, number>;
      expect(scores.COMEDIC_TIMING_EVAL).toBeGreaterThan(80);
    } finally {
      await db.$disconnect();
    }
  });

  it("seeds the default transfer rules with a version each, and fresh transfer scores", async () => {
    const db = createDb(url, 2);
    try {
      expect(await db.transferRule.count()).toBe(DEFAULT_TRANSFER_RULES.length);
      expect(await db.transferRuleVersion.count({ where: { version: 1, change: "CREATED" } })).toBe(DEFAULT_TRANSFER_RULES.length);
      const latestRule = await db.transferRule.aggregate({ _max: { updatedAt: true } });
      const staleProfiles = await db.profile.count({
        where: { OR: [{ transferComputedAt: null }, { transferComputedAt: { lt: latestRule._max.updatedAt! } }] },
      });
      expect(staleProfiles).toBe(0);
      expect(await db.outboxEvent.count()).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });

  it("stores every onboarding stage, open appeals and a showcase gig with 20+ applicants", async () => {
    const db = createDb(url, 2);
    try {
      const stages = await db.application.groupBy({ by: ["stage"], _count: true });
      expect(stages).toHaveLength(12);
      expect(await db.appeal.count({ where: { status: "OPEN" } })).toBeGreaterThanOrEqual(3);
      const showcase = await db.gig.findFirstOrThrow({ where: { title: "Rank AI-written sitcom dialogue for comedic timing" } });
      expect(await db.application.count({ where: { gigId: showcase.id } })).toBeGreaterThanOrEqual(20);
      const casey = await db.user.findUniqueOrThrow({ where: { email: "coordinator@demo.secondact.test" } });
      expect(showcase.coordinatorId).toBe(casey.id); // the demo's SLA reminders for it go to the demo coordinator
      const open = await db.gig.findMany({ where: { status: "OPEN" }, select: { taskTypes: true, trainingModules: true, genres: true } });
      expect(open.every((g) => g.taskTypes.length > 0 && g.trainingModules.length > 0)).toBe(true);
      const optIn = await db.profile.findFirstOrThrow({ where: { demographicsOptIn: true } });
      expect(optIn.demographics).toMatchObject({ gender: expect.any(String), ageBand: expect.any(String) });
      const leaked = await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "Profile" WHERE "demographicsOptIn" = false AND "demographics" IS NOT NULL`;
      expect(leaked[0].n).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });
});

describe("loadDataset in bulk mode (what `npm run seed -- --size bench` uses)", () => {
  it("drops and rebuilds secondary indexes inside the load transaction, and --reset empties everything", async () => {
    const db = createDb(bulkUrl, 2);
    try {
      const indexes = () =>
        db.$queryRaw<{ indexdef: string }[]>`SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`;
      const before = await indexes();
      const ds = generateDataset({ size: "demo", now: new Date(), seed: 99 });
      const progress: number[] = [];
      const result = await loadDataset(db, ds, { bulk: true, passwordHash: "not-a-real-hash", progress: (done) => progress.push(done) });
      expect(result.loaded).toBe(true);
      expect(await databaseCounts(db)).toEqual(datasetCounts(ds));
      expect(await indexes()).toEqual(before);
      expect(progress[progress.length - 1]).toBe(Object.values(datasetCounts(ds)).reduce((a, b) => a + b, 0));

      // A second load of the same ids fails and rolls back completely, indexes included.
      await expect(loadDataset(db, ds, { bulk: true, passwordHash: "x" })).rejects.toThrow();
      expect(await databaseCounts(db)).toEqual(datasetCounts(ds));
      expect(await indexes()).toEqual(before);

      await wipeDatabase(db);
      expect(Object.values(await databaseCounts(db)).every((n) => n === 0)).toBe(true);
      expect(await db.transferRule.count()).toBe(0);
      expect(await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations"`).not.toEqual([{ n: 0 }]);
    } finally {
      await db.$disconnect();
    }
  });
});
