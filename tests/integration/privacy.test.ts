/**
 * Transparency and privacy: /me/data, "Download my data" and "Delete my account" against the
 * real app and database.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { Client, PASSWORD, logIn, signUp } from "../setup/http";
import { useTestServer } from "../setup/server";
import { FULL_GIG, labWithOpenGig } from "./fixtures";

const base = await useTestServer();

/** A professional with credits, demographics, an application, consents and notifications. */
async function richProfessional() {
  const { gig, ownerUser } = await labWithOpenGig(base);
  const pro = await signUp(base, { name: "Dana Privacy" });
  const user = await db().user.findUniqueOrThrow({ where: { email: pro.email }, include: { profile: true } });
  const profileId = user.profile!.id;
  await db().profile.update({
    where: { id: profileId },
    data: { demographicsOptIn: true, demographics: { gender: "Woman", ageBand: "45–54" }, bio: "Twelve years in multi-cam." },
  });
  await db().credit.create({
    data: {
      profileId,
      showTitle: "Laugh Factory",
      showTitleNorm: "laugh factory",
      format: "MULTI_CAM_SITCOM",
      role: "STAFF_WRITER",
      department: "WRITING",
      startYear: 2012,
      episodes: 44,
    },
  });
  const res = await pro.client.post(`/gigs/${gig.id}`, { intent: "apply", note: "Happy to help." });
  expect(res.status).toBe(303);
  const appId = res.headers.get("location")!.split("/").pop()!;
  await db().consentRecord.createMany({
    data: [
      { userId: user.id, kind: "AI_USE_TERMS", textVersion: "ai-use-2026-11" },
      { userId: user.id, kind: "NDA", textVersion: "nda-2026-10", applicationId: appId },
      { userId: user.id, kind: "CONTRACT", textVersion: "contract-2026-10", applicationId: appId },
    ],
  });
  await db().notification.create({ data: { userId: user.id, kind: "test.hello", title: "Welcome aboard" } });
  return { ...pro, user, profileId, appId, gig, labOwner: ownerUser };
}

describe("/me/data", () => {
  it("lists every consent with version and gig, the gig's AI-use disclosure and a link to why matched", async () => {
    const p = await richProfessional();
    const res = await p.client.get("/me/data");
    expect(res.status).toBe(200);
    const text = (await res.text()).replace(/<!-- -->/g, "");
    for (const s of [
      "AI-use terms",
      "Non-disclosure agreement",
      "Contributor agreement",
      "nda-2026-10",
      "contract-2026-10",
      "ai-use-2026-11",
    ])
      expect(text).toContain(s);
    expect(text).toContain(FULL_GIG.title);
    expect(text).toContain(FULL_GIG.disclosureTrains);
    expect(text).toContain(FULL_GIG.disclosureRetention);
    expect(text).toContain(`/me/applications/${p.appId}`);
    expect(text).toContain("Why you were matched");
    expect(text).toContain('href="/me/data/export.json"');
    expect(text).toContain("What we keep");
  });

  it("is for professionals only", async () => {
    const { owner } = await labWithOpenGig(base);
    expect((await owner.client.get("/me/data")).status).toBe(403);
    expect((await owner.client.get("/me/data/export.json")).status).toBe(403);
    expect((await new Client(base).get("/me/data/export.json")).status).toBe(302);
  });
});

describe("Download my data", () => {
  it("returns the person's data as a JSON attachment, without the password hash", async () => {
    const p = await richProfessional();
    const res = await p.client.get("/me/data/export.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="second-act-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const raw = await res.text();
    expect(raw).not.toMatch(/passwordHash/i);
    expect(raw).not.toContain(p.user.passwordHash);
    expect(raw).not.toMatch(/tokenHash/);
    const data = JSON.parse(raw);
    expect(data.format).toBe("second-act-personal-data/v1");
    expect(data.user).toMatchObject({ id: p.user.id, email: p.email, name: "Dana Privacy", role: "PROFESSIONAL" });
    expect(data.profile).toMatchObject({
      id: p.profileId,
      demographicsOptIn: true,
      demographics: { gender: "Woman", ageBand: "45–54" },
      bio: "Twelve years in multi-cam.",
    });
    expect(data.credits).toHaveLength(1);
    expect(data.credits[0]).toMatchObject({ showTitle: "Laugh Factory", role: "STAFF_WRITER" });
    expect(data.applications).toHaveLength(1);
    expect(data.applications[0]).toMatchObject({
      id: p.appId,
      stage: "APPLIED",
      note: "Happy to help.",
      gig: { title: FULL_GIG.title, disclosure: { trains: FULL_GIG.disclosureTrains } },
    });
    expect(data.applications[0].transitions).toEqual([expect.objectContaining({ fromStage: null, toStage: "APPLIED" })]);
    expect(data.consents.map((c: { kind: string }) => c.kind).sort()).toEqual([
      "AI_USE_TERMS",
      "CONTRACT",
      "NDA",
      "PRIVACY_NOTICE",
      "TERMS_OF_USE",
    ]);
    expect(data.notifications.map((n: { title: string }) => n.title)).toContain("Welcome aboard");
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.activity.map((e: { action: string }) => e.action)).toContain("user.signup");
  });
});

describe("Delete my account", () => {
  it("refuses without CSRF or with the wrong email, and changes nothing", async () => {
    const p = await richProfessional();
    const noCsrf = await p.client.post("/me/data", { intent: "delete", confirmEmail: p.email }, { csrf: null });
    expect(noCsrf.status).toBe(403);
    const wrong = await p.client.post("/me/data", { intent: "delete", confirmEmail: "someone-else@example.com" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("not the email address of this account");
    expect(await db().user.count({ where: { id: p.user.id } })).toBe(1);
  });

  it("deletes the person, logs them out everywhere, keeps the audit trail and queues the search delete", async () => {
    const p = await richProfessional();
    const other = await logIn(base, p.email); // a second session, e.g. another browser
    // The in-process search worker drains the outbox within milliseconds, so record every
    // enqueued row with a trigger (this test database only) to see what the deletion queued.
    await db().$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS outbox_seen ("index" text, "entityId" text, op text)`);
    await db().$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION outbox_seen_fn() RETURNS trigger AS $$ BEGIN INSERT INTO outbox_seen VALUES (NEW."index", NEW."entityId", NEW.op); RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS outbox_seen_tr ON "OutboxEvent"`);
    await db().$executeRawUnsafe(
      `CREATE TRIGGER outbox_seen_tr AFTER INSERT ON "OutboxEvent" FOR EACH ROW EXECUTE FUNCTION outbox_seen_fn()`,
    );
    const signupEvent = await db().event.findFirstOrThrow({ where: { actorId: p.user.id, action: "user.signup" } });
    const res = await p.client.post("/me/data", { intent: "delete", confirmEmail: `  ${p.email.toUpperCase()} ` });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/me/data/deleted");
    expect(res.headers.getSetCookie().some((c) => /^sa_session=;.*Max-Age=0/i.test(c))).toBe(true);

    // Gone
    expect(await db().user.count({ where: { id: p.user.id } })).toBe(0);
    expect(await db().profile.count({ where: { id: p.profileId } })).toBe(0);
    expect(await db().credit.count({ where: { profileId: p.profileId } })).toBe(0);
    expect(await db().application.count({ where: { profileId: p.profileId } })).toBe(0);
    expect(await db().stageTransition.count({ where: { applicationId: p.appId } })).toBe(0);
    expect(await db().session.count({ where: { userId: p.user.id } })).toBe(0);
    expect(await db().consentRecord.count({ where: { userId: p.user.id } })).toBe(0);
    expect(await db().notification.count({ where: { userId: p.user.id } })).toBe(0);
    expect(await db().mailMessage.count({ where: { to: { equals: p.email, mode: "insensitive" } } })).toBe(0);

    // Logged out everywhere, and cannot log in again
    expect((await other.get("/me")).status).toBe(302);
    expect((await p.client.get("/me")).status).toBe(302);
    const again = await new Client(base).post("/login", { email: p.email, password: PASSWORD });
    expect(again.status).not.toBe(302);
    expect(await (await p.client.get("/me/data/deleted")).text()).toContain("Your account has been deleted");

    // Search index: DELETE queued
    const queued = await db().$queryRawUnsafe<{ op: string }[]>(
      `SELECT op FROM outbox_seen WHERE "index" = 'people' AND "entityId" = $1`,
      p.profileId,
    );
    expect(queued.map((r) => r.op)).toContain("DELETE");

    // Kept: the deletion record (no email, only its hash) and the old audit entries (without IP)
    const record = await db().event.findFirstOrThrow({ where: { action: "privacy.account_deleted", entityId: p.user.id } });
    const after = record.after as Record<string, unknown>;
    expect(after.emailSha256).toBe(createHash("sha256").update(p.email.toLowerCase()).digest("hex"));
    expect(JSON.stringify({ ...record, id: String(record.id) })).not.toContain(p.email);
    expect(after.deleted).toMatchObject({ applications: 1, credits: 1, consents: 5 });
    expect((after.legalAcceptances as { kind: string; gigId: string }[]).map((c) => [c.kind, c.gigId]).sort()).toEqual([
      ["CONTRACT", p.gig.id],
      ["NDA", p.gig.id],
    ]);
    expect(record.ip).toBeNull();
    const kept = await db().event.findUniqueOrThrow({ where: { id: signupEvent.id } });
    expect(kept.action).toBe("user.signup");
    expect(kept.ip).toBeNull();

    // The lab's "<name> applied" notice no longer names the person
    const notices = await db().notification.findMany({ where: { userId: p.labOwner.id, kind: "application.new" } });
    expect(notices.length).toBe(1);
    expect(notices[0].body).not.toContain("Dana Privacy");
  });

  it("a failed-login audit entry that stored the email keeps only its hash", async () => {
    const p = await richProfessional();
    await db().event.create({ data: { action: "auth.login_rate_limited", entityType: "User", after: { email: p.email }, ip: "10.9.9.9" } });
    const res = await p.client.post("/me/data", { intent: "delete", confirmEmail: p.email });
    expect(res.status).toBe(302);
    const e = await db().event.findFirstOrThrow({ where: { action: "auth.login_rate_limited" }, orderBy: { id: "desc" } });
    expect(JSON.stringify(e.after)).not.toContain(p.email);
    expect((e.after as Record<string, string>).emailHash).toBe(createHash("sha256").update(p.email.toLowerCase()).digest("hex"));
  });
});
