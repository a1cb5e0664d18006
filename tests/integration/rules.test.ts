/**
 * The coordinators' transfer-rule editor through HTTP: create / update / retire / restore with
 * versions and audit, optimistic concurrency, validation, recompute-all, and access control.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { DEFAULT_TRANSFER_RULES } from "~/domain/default-rules";
import { TRANSFER_MODEL_VERSION } from "~/domain/transfer";
import { recomputeAll, seedTransferRules, staleProfileCount } from "~/services/transfer.server";
import { Client } from "../setup/http";
import { useTestServer } from "../setup/server";
import { flushSearch } from "~/runtime.server";
import { searchRuntime } from "~/search/runtime.server";
import type { StartedSearch } from "~/search/service.server";
import { addCredit, coordinator, labMember, professional } from "./profile-helpers";

const base = await useTestServer();

beforeAll(async () => {
  await seedTransferRules(db());
});

const NEW_RULE = {
  key: "editor+documentary->video_captioning-test",
  role: "EDITOR",
  department: "",
  format: "DOCUMENTARY",
  genre: "",
  taskType: "VIDEO_CAPTIONING",
  weight: "0.9",
  rationale: "Documentary editors log and describe every frame of footage before they cut.",
};

describe("rule editor", () => {
  it("lists active rules grouped by task type, with filters and a retired toggle", async () => {
    const coord = await coordinator(base);
    const res = await coord.client.get("/coord/rules");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Comedic-timing evaluation");
    expect(html).toContain("writing+multi_cam-&gt;comedic_timing");
    const filtered = await (await coord.client.get("/coord/rules?task=SHOT_CAMERA_ANNOTATION")).text();
    expect(filtered).toContain('id="g-SHOT_CAMERA_ANNOTATION"');
    expect(filtered).not.toContain('id="g-COMEDIC_TIMING_EVAL"');
    const byText = await (await coord.client.get("/coord/rules?q=punch-up")).text();
    expect(byText).toContain("punch-up");
  });

  it("creates, updates, retires and restores a rule, recording every version with who changed it", async () => {
    const coord = await coordinator(base);
    const created = await coord.client.post("/coord/rules/new", NEW_RULE);
    // Post/redirect/get: the new rule's page, which says once what was done.
    expect(created.status, await created.clone().text()).toBe(303);
    const location = created.headers.get("location")!;
    expect(location).toMatch(/^\/coord\/rules\/[^/?]+$/);
    const id = location.split("/").pop()!;
    expect(await (await coord.client.get(location)).text()).toContain("Rule created.");
    let rule = await db().transferRule.findUniqueOrThrow({ where: { id }, include: { versions: true } });
    expect(rule).toMatchObject({
      key: NEW_RULE.key,
      role: "EDITOR",
      department: null,
      format: "DOCUMENTARY",
      genre: null,
      weight: 0.9,
      active: true,
      version: 1,
    });
    expect(rule.versions.map((v) => [v.version, v.change, v.changedById])).toEqual([[1, "CREATED", coord.user.id]]);

    const update = await coord.client.post(`/coord/rules/${id}`, {
      ...NEW_RULE,
      intent: "update",
      version: "1",
      weight: "0.55",
      genre: "NATURE",
    });
    expect(update.status, await update.clone().text()).toBe(303);
    expect(update.headers.get("location")).toBe(`/coord/rules/${id}`);
    expect(await (await coord.client.get(`/coord/rules/${id}`)).text()).toContain("Rule saved as version 2.");
    rule = await db().transferRule.findUniqueOrThrow({ where: { id }, include: { versions: { orderBy: { version: "asc" } } } });
    expect(rule).toMatchObject({ weight: 0.55, genre: "NATURE", version: 2, updatedById: coord.user.id });
    expect(rule.versions[1]).toMatchObject({
      version: 2,
      change: "UPDATED",
      changedById: coord.user.id,
      snapshot: expect.objectContaining({ weight: 0.55, genre: "NATURE" }),
    });

    // A stale form (still at version 1) is refused instead of silently overwriting.
    const stale = await coord.client.post(`/coord/rules/${id}`, { ...NEW_RULE, intent: "update", version: "1", weight: "0.1" });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("Someone else changed this rule");
    expect((await db().transferRule.findUniqueOrThrow({ where: { id } })).weight).toBe(0.55);

    expect((await coord.client.post(`/coord/rules/${id}`, { intent: "retire", version: "2" })).status).toBe(303);
    expect(await db().transferRule.findUniqueOrThrow({ where: { id } })).toMatchObject({ active: false, version: 3 });
    const list = await (await coord.client.get("/coord/rules?task=VIDEO_CAPTIONING")).text();
    const keyHtml = NEW_RULE.key.replace(">", "&gt;");
    expect(list).not.toContain(keyHtml);
    expect(await (await coord.client.get("/coord/rules?task=VIDEO_CAPTIONING&retired=1")).text()).toContain(keyHtml);

    const admin = await coordinator(base, "ADMIN");
    expect((await admin.client.post(`/coord/rules/${id}`, { intent: "restore", version: "3" })).status).toBe(303);
    rule = await db().transferRule.findUniqueOrThrow({ where: { id }, include: { versions: { orderBy: { version: "asc" } } } });
    expect(rule.active).toBe(true);
    expect(rule.versions.map((v) => [v.version, v.change, v.changedById])).toEqual([
      [1, "CREATED", coord.user.id],
      [2, "UPDATED", coord.user.id],
      [3, "RETIRED", coord.user.id],
      [4, "RESTORED", admin.user.id],
    ]);
    const actions = (await db().event.findMany({ where: { entityType: "TransferRule", entityId: id }, orderBy: { id: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["transfer_rule.created", "transfer_rule.updated", "transfer_rule.retired", "transfer_rule.restored"]);

    // The history table says who changed what.
    const page = await (await coord.client.get(`/coord/rules/${id}`)).text();
    expect(page).toContain("Version history");
    expect(page).toContain("Test COORDINATOR");
    expect(page).toContain("Test ADMIN");
    expect(page).toMatch(/weight: 0\.9 → 0\.55/);
    expect(page).toMatch(/genre: — → Nature \/ wildlife/);
    expect(page).toMatch(/active: active → retired/);
  });

  it("validates rules and refuses duplicate keys", async () => {
    const coord = await coordinator(base);
    const form = await coord.client.get("/coord/rules/new");
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("New transfer rule");
    const count = await db().transferRule.count();
    const cases: [Record<string, string>, string][] = [
      [{ weight: "1.5" }, "Enter a weight between 0 and 1"],
      [{ weight: "" }, "Enter a weight between 0 and 1"],
      [{ rationale: "short" }, "at least 10 characters"],
      [{ role: "", department: "" }, "A rule must target a role or a department."],
      [{ taskType: "NOT_A_TASK" }, "Choose a task type."],
      [{ role: "MAGICIAN" }, "Choose a role from the list."],
      [{ key: "Bad Key!" }, "Use lower-case letters"],
    ];
    for (const [patch, message] of cases) {
      const res = await coord.client.post("/coord/rules/new", { ...NEW_RULE, key: "", ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(await res.text(), JSON.stringify(patch)).toContain(message);
    }
    const dup = await coord.client.post("/coord/rules/new", { ...NEW_RULE, key: "writing->dialogue_demo" });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain("A rule with this key already exists.");
    expect(await db().transferRule.count()).toBe(count);

    // Without a key one is generated, and made unique.
    const a = await coord.client.post("/coord/rules/new", {
      ...NEW_RULE,
      key: "",
      role: "",
      department: "CASTING",
      format: "",
      taskType: "BIAS_REVIEW",
    });
    const b = await coord.client.post("/coord/rules/new", {
      ...NEW_RULE,
      key: "",
      role: "",
      department: "CASTING",
      format: "",
      taskType: "BIAS_REVIEW",
    });
    expect([a.status, b.status]).toEqual([303, 303]);
    const keys = (
      await db().transferRule.findMany({ where: { key: { startsWith: "casting->bias_review" } }, orderBy: { key: "asc" } })
    ).map((r) => r.key);
    expect(keys).toEqual(["casting->bias_review", "casting->bias_review-2"]);
  });

  it("recompute all applies rule changes to stored scores and enqueues changed profiles", async () => {
    const pro = await professional(base);
    await addCredit(pro.client);
    const before = (await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } })).transferScores as Record<string, number>;
    expect(before.DIALOGUE_DEMONSTRATION).toBeGreaterThan(0);

    const coord = await coordinator(base);
    const rule = await db().transferRule.findUniqueOrThrow({ where: { key: "writing->dialogue_demo" } });
    const res = await coord.client.post(`/coord/rules/${rule.id}`, {
      intent: "update",
      version: String(rule.version),
      role: "",
      department: "WRITING",
      format: "",
      genre: "",
      taskType: rule.taskType,
      weight: "0.5",
      rationale: rule.rationale,
    });
    expect(res.status).toBe(303);
    // Stored scores don't move until the recompute; the list says so.
    expect(
      ((await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } })).transferScores as Record<string, number>)
        .DIALOGUE_DEMONSTRATION,
    ).toBe(before.DIALOGUE_DEMONSTRATION);
    expect(await (await coord.client.get("/coord/rules")).text()).toMatch(/scores computed before the latest rule change/);

    const profiles = await db().profile.count();
    const recompute = await coord.client.post("/coord/rules", { intent: "recompute" });
    expect(recompute.status).toBe(303);
    expect(await (await coord.client.get(recompute.headers.get("location") ?? "")).text()).toContain(
      `Recomputed transfer scores for ${profiles} profile`,
    );
    const after = (await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } })).transferScores as Record<string, number>;
    expect(after.DIALOGUE_DEMONSTRATION).toBeLessThan(before.DIALOGUE_DEMONSTRATION);
    expect(after.COMEDIC_TIMING_EVAL).toBe(before.COMEDIC_TIMING_EVAL);
    // The changed profile reached the search index through the outbox (the app's worker drains it).
    await flushSearch();
    const rt = searchRuntime() as StartedSearch;
    const indexed = await rt.engine.search<Record<string, number>>("people", {
      filters: [{ field: "id", op: "eq", value: pro.profileId }],
    });
    expect(indexed.hits[0].document.ts_DIALOGUE_DEMONSTRATION).toBe(after.DIALOGUE_DEMONSTRATION);
    expect(await (await coord.client.get("/coord/rules")).text()).toContain("All stored scores are up to date");
  });

  it("recomputeAll works in batches and only enqueues profiles whose scores changed", async () => {
    for (let i = 0; i < 3; i++) {
      const pro = await professional(base);
      await addCredit(pro.client, { showTitle: `Batch ${i}`, episodes: String(10 + i) });
    }
    const total = await db().profile.count();
    const progress: number[] = [];
    const seen = async () => (await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM outbox_seen`)[0].n;
    const outbox = await seen(); // the test-only log of every enqueued row (the worker drains the table)
    const result = await recomputeAll((done) => progress.push(done), { batchSize: 2 });
    expect(result).toEqual({ profiles: total, changed: 0 });
    expect(progress[progress.length - 1]).toBe(total);
    expect(progress.length).toBe(Math.ceil(total / 2));
    expect(await seen()).toBe(outbox);
  });

  it("stored scores remember their transfer model; scores from another model are stale until recomputed", async () => {
    const pro = await professional(base);
    await addCredit(pro.client, { showTitle: "Model Check", episodes: "24" });
    const profile = await db().profile.findFirstOrThrow({ where: { credits: { some: { showTitle: "Model Check" } } } });
    expect(profile.transferModelVersion).toBe(TRANSFER_MODEL_VERSION);
    const original = profile.transferScores;
    const fresh = await staleProfileCount();
    // As if these scores had been computed by the 1.x model before an upgrade.
    await db().profile.update({
      where: { id: profile.id },
      data: { transferModelVersion: "transfer-1.0.0", transferScores: { DIALOGUE_DEMONSTRATION: 99 } },
    });
    expect(await staleProfileCount()).toBe(fresh + 1);
    const result = await recomputeAll();
    expect(result.changed).toBe(1);
    const after = await db().profile.findUniqueOrThrow({ where: { id: profile.id } });
    expect(after.transferModelVersion).toBe(TRANSFER_MODEL_VERSION);
    expect(after.transferScores).toEqual(original);
    expect(await staleProfileCount()).toBe(0);
  });

  it("is for coordinators and admins only", async () => {
    const rule = await db().transferRule.findFirstOrThrow();
    const pro = await professional(base);
    const lab = await labMember(base);
    for (const client of [pro.client, lab.client]) {
      expect((await client.get("/coord/rules")).status).toBe(403);
      expect((await client.get("/coord/rules/new")).status).toBe(403);
      expect((await client.get(`/coord/rules/${rule.id}`)).status).toBe(403);
      expect((await client.post("/coord/rules/new", NEW_RULE)).status).toBe(403);
      expect((await client.post(`/coord/rules/${rule.id}`, { intent: "retire", version: String(rule.version) })).status).toBe(403);
      expect((await client.post("/coord/rules", { intent: "recompute" })).status).toBe(403);
    }
    const anon = await new Client(base).get("/coord/rules");
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toMatch(/^\/login/);
    expect(await db().transferRule.findUniqueOrThrow({ where: { id: rule.id } })).toMatchObject({ active: true, version: rule.version });
  });
});

describe("seeding the default rules", () => {
  it("adds only the missing rules, each once with one version-1 history row, also with two seeders at once", async () => {
    const missing = [DEFAULT_TRANSFER_RULES[0]!.key, DEFAULT_TRANSFER_RULES[DEFAULT_TRANSFER_RULES.length - 1]!.key];
    const keptKey = DEFAULT_TRANSFER_RULES[1]!.key;
    const kept = await db().transferRule.findUniqueOrThrow({ where: { key: keptKey }, include: { versions: true } });
    await db().transferRule.deleteMany({ where: { key: { in: missing } } });

    const [a, b] = await Promise.all([seedTransferRules(db()), seedTransferRules(db())]);
    expect(a.created + b.created).toBe(2);

    const again = await db().transferRule.findMany({ where: { key: { in: missing } }, include: { versions: true } });
    expect(again.map((r) => r.key).sort()).toEqual([...missing].sort());
    for (const rule of again) {
      const def = DEFAULT_TRANSFER_RULES.find((d) => d.key === rule.key)!;
      expect(rule).toMatchObject({ taskType: def.taskType, weight: def.weight, rationale: def.rationale, version: 1, active: true });
      expect(rule.versions.map((v) => [v.version, v.change])).toEqual([[1, "CREATED"]]);
      expect(rule.versions[0]!.snapshot).toMatchObject({ key: rule.key, taskType: def.taskType, weight: def.weight, active: true });
    }
    // A rule that was there is left as it was: same row, same history.
    const keptAfter = await db().transferRule.findUniqueOrThrow({ where: { key: keptKey }, include: { versions: true } });
    expect(keptAfter.id).toBe(kept.id);
    expect(keptAfter.versions).toHaveLength(kept.versions.length);
    expect(await db().transferRule.count({ where: { key: { in: DEFAULT_TRANSFER_RULES.map((d) => d.key) } } })).toBe(
      DEFAULT_TRANSFER_RULES.length,
    );
    expect((await seedTransferRules(db())).created).toBe(0);
  });
});
