/**
 * Everything one application writes (app/services/applications.server.ts writes it in ONE
 * statement, decision 0040): the complete set of new rows, table by table, with their contents;
 * nothing at all when a write in the middle fails; the refusals (403 unconfirmed email, 404, 409
 * not open, 409 duplicate) writing nothing; and the bare-pool gig read the action uses.
 */
import { afterEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { emptyChecklist } from "~/domain/onboarding";
import { applyToGig } from "~/services/applications.server";
import { changeGigStatus, getGig, getGigRow } from "~/services/gigs.server";
import { appUrl } from "~/services/mail.server";
import { matchForApplication } from "~/services/matching.server";
import { createEndpoint } from "~/services/webhooks.server";
import { signUp, uniqueEmail } from "../setup/http";
import { useTestServer } from "../setup/server";
import { labWithOpenGig, rand, staff } from "./fixtures";

const base = await useTestServer();

/**
 * The number of rows of every table of the schema, but OutboxEvent: the outbox worker deletes its
 * rows at any time; outbox_seen (tests/setup/db.ts) keeps a row for each one ever enqueued.
 */
async function counts(): Promise<Record<string, number>> {
  const tables = await db().$queryRaw<
    { t: string }[]
  >`SELECT tablename::text AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'OutboxEvent' ORDER BY 1`;
  const out: Record<string, number> = {};
  for (const { t } of tables) {
    const [r] = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${t}"`);
    out[t] = r.n;
  }
  return out;
}

function added(before: Record<string, number>, after: Record<string, number>) {
  const out: Record<string, number> = {};
  for (const [t, n] of Object.entries(after)) if (n !== (before[t] ?? 0)) out[t] = n - (before[t] ?? 0);
  return out;
}

/**
 * A lab with an open gig whose team is its owner (wants email), a second member who turned email
 * off, a disabled member and a named coordinator; endpoints: one subscribed to application.created,
 * one only to other events, one disabled.
 */
async function labWithTeam() {
  const lab = await labWithOpenGig(base, { title: `Apply writes ${rand()}` });
  const member = async (data: { emailNotifications?: boolean; disabledAt?: Date }) => {
    const user = await db().user.create({
      data: { email: uniqueEmail("member"), name: "Member", passwordHash: "x", role: "LAB_MEMBER", emailVerifiedAt: new Date(), ...data },
    });
    await db().labMember.create({ data: { labId: lab.labId, userId: user.id } });
    return user;
  };
  const quiet = await member({ emailNotifications: false });
  const disabled = await member({ disabledAt: new Date() });
  const coordinator = (await staff()).user;
  await db().gig.update({ where: { id: lab.gig.id }, data: { coordinatorId: coordinator.id } });
  const actor = { id: lab.ownerUser.id, role: "LAB_MEMBER" as const, labId: lab.labId, profileId: null };
  const endpoint = async (events: ("application.created" | "application.stage_changed" | "gig.status_changed")[]) => {
    const created = await createEndpoint(lab.labId, { url: "http://127.0.0.1:9/hook", description: "", events }, actor, {
      production: false,
    });
    if (!created.ok) throw new Error(created.message);
    return created.endpoint;
  };
  const subscribed = await endpoint(["application.created", "application.stage_changed"]);
  await endpoint(["gig.status_changed"]);
  const off = await endpoint(["application.created"]);
  await db().webhookEndpoint.update({ where: { id: off.id }, data: { enabled: false } });
  return { ...lab, quiet, disabled, coordinator, subscribed };
}

const trigger = { table: "" };
afterEach(async () => {
  if (!trigger.table) return;
  await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS apply_writes_fail ON "${trigger.table}"`);
  trigger.table = "";
});

describe("one application", () => {
  it("writes the application, its stage transition, the audit entry, the lab's webhook delivery, the notifications and their emails, and nothing else", async () => {
    const lab = await labWithTeam();
    const pro = await signUp(base, { name: "Ada Applicant" });
    const user = await db().user.findUniqueOrThrow({ where: { email: pro.email }, include: { profile: true } });
    const profileId = user.profile!.id;
    const token = await pro.client.csrf(`/gigs/${lab.gig.id}`);
    const t0 = Date.now();
    const before = await counts();
    const res = await pro.client.post(`/gigs/${lab.gig.id}`, { intent: "apply", note: "Six seasons of sitcom." }, { csrf: token });
    const after = await counts();
    const t1 = Date.now();
    expect(res.status).toBe(303);
    const appId = res.headers.get("location")!.split("/").pop()!;
    // Team notifications: owner, quiet member, disabled member (notified in the app, as before), coordinator; the professional's confirmation.
    expect(added(before, after)).toEqual({
      Application: 1,
      StageTransition: 1,
      Event: 1,
      WebhookDelivery: 1,
      Notification: 5,
      MailMessage: 3,
    });

    // Times are the moment of the apply, in UTC (a local-time or time-zone mistake is hours off).
    const within = (d: Date) => {
      expect(d.getTime()).toBeGreaterThanOrEqual(t0 - 5);
      expect(d.getTime()).toBeLessThanOrEqual(t1 + 5);
    };
    const app = await db().application.findUniqueOrThrow({ where: { id: appId } });
    const match = await matchForApplication(profileId, lab.gig.id);
    expect(appId).toMatch(/^c[0-9a-z]{24}$/);
    expect(app).toMatchObject({
      profileId,
      gigId: lab.gig.id,
      origin: "APPLIED",
      stage: "APPLIED",
      note: "Six seasons of sitcom.",
      checklist: emptyChecklist(),
      matchScore: match?.labScore ?? null,
      matchReasons: match?.sharedReasons ?? [],
      lastReason: null,
      qualityNote: "",
      version: 0,
      slaNudgedAt: null,
      slaNudgedStageAt: null,
    });
    within(app.createdAt);
    within(app.stageEnteredAt);
    within(app.updatedAt);

    const [transition] = await db().stageTransition.findMany({ where: { applicationId: appId } });
    expect(transition).toMatchObject({ fromStage: null, toStage: "APPLIED", actorId: user.id, actorRole: "PROFESSIONAL", reason: null });
    within(transition.at);

    const [event] = await db().event.findMany({ where: { entityType: "Application", entityId: appId } });
    expect(event).toMatchObject({
      actorId: user.id,
      actorRole: "PROFESSIONAL",
      action: "application.applied",
      before: null,
      after: { gigId: lab.gig.id, profileId, origin: "APPLIED" },
    });
    expect(event.ip).toBeTruthy();
    within(event.at);

    const [delivery] = await db().webhookDelivery.findMany({ where: { orderKey: `application:${appId}` } });
    expect(delivery).toMatchObject({ endpointId: lab.subscribed.id, eventType: "application.created", replayOf: null });
    expect(delivery.eventId).toMatch(/^evt_[0-9a-f]{32}$/);
    const body = JSON.parse(delivery.body);
    expect(body).toEqual({
      id: delivery.eventId,
      type: "application.created",
      createdAt: body.createdAt,
      labId: lab.labId,
      data: { applicationId: appId, gigId: lab.gig.id, origin: "APPLIED", stage: "APPLIED" },
    });
    within(new Date(body.createdAt));
    within(delivery.createdAt);
    within(delivery.nextAttemptAt);

    const team = [lab.ownerUser.id, lab.quiet.id, lab.disabled.id, lab.coordinator.id];
    const newApplicant = {
      kind: "application.new",
      title: `New applicant for "${lab.gig.title}"`,
      body: `${user.profile!.displayName} applied. Review them on the board.`,
      link: `/coord/gigs/${lab.gig.id}`,
    };
    const sent = {
      kind: "application.sent",
      title: `Your application to "${lab.gig.title}" was sent`,
      body: "The lab has been told. You will hear here and by email when it moves; follow it on your application's page.",
      link: `/me/applications/${appId}`,
    };
    const notes = await db().notification.findMany({
      where: { kind: { in: ["application.new", "application.sent"] }, userId: { in: [...team, user.id] } },
    });
    const sortBy = <T>(list: T[], key: (x: T) => string) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
    expect(
      sortBy(
        notes.map(({ userId, kind, title, body, link, readAt }) => ({ userId, kind, title, body, link, readAt })),
        (n) => n.userId,
      ),
    ).toEqual(
      sortBy(
        [...team.map((userId) => ({ userId, ...newApplicant, readAt: null })), { userId: user.id, ...sent, readAt: null }],
        (n) => n.userId,
      ),
    );
    for (const n of notes) {
      within(n.createdAt);
      expect(n.id).toMatch(/^c[0-9a-z]{24}$/);
    }
    const emails = new Map(
      (await db().user.findMany({ where: { id: { in: [...team, user.id] } }, select: { id: true, email: true } })).map((u) => [
        u.id,
        u.email,
      ]),
    );
    const mails = await db().mailMessage.findMany({
      where: { kind: { in: ["application.new", "application.sent"] }, to: { in: [...emails.values()] } },
    });
    const text = (n: { body: string; link: string }) =>
      `${n.body}\n\n${appUrl(n.link)}\n\nYou can turn these emails off under Account > Email notifications.`;
    expect(
      sortBy(
        mails.map(({ to, kind, subject, text }) => ({ to, kind, subject, text })),
        (m) => m.to,
      ),
    ).toEqual(
      sortBy(
        [
          ...[lab.ownerUser.id, lab.coordinator.id].map((id) => ({
            to: emails.get(id)!,
            kind: newApplicant.kind,
            subject: newApplicant.title,
            text: text(newApplicant),
          })),
          { to: user.email, kind: sent.kind, subject: sent.title, text: text(sent) },
        ],
        (m) => m.to,
      ),
    );
    for (const m of mails) within(m.createdAt);
  });

  for (const table of ["StageTransition", "Event", "WebhookDelivery", "Notification", "MailMessage"]) {
    it(`writes nothing when its ${table} row cannot be written`, async () => {
      const lab = await labWithTeam();
      const pro = await signUp(base);
      const token = await pro.client.csrf(`/gigs/${lab.gig.id}`);
      trigger.table = table;
      await db().$executeRawUnsafe(
        `CREATE OR REPLACE FUNCTION apply_writes_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql`,
      );
      await db().$executeRawUnsafe(
        `CREATE TRIGGER apply_writes_fail BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION apply_writes_fail()`,
      );
      const before = await counts();
      const res = await pro.client.post(`/gigs/${lab.gig.id}`, { intent: "apply", note: "" }, { csrf: token });
      expect(res.status).toBe(500);
      expect(added(before, await counts())).toEqual({});
    });
  }

  it("refuses without writing: unconfirmed email (403), a paused gig (409), no such gig (404), a second application (409)", async () => {
    const lab = await labWithOpenGig(base, { title: `Refusals ${rand()}` });
    const unconfirmed = await signUp(base, { confirmed: false });
    const confirmed = await signUp(base);
    const profileOf = async (email: string) =>
      (await db().user.findUniqueOrThrow({ where: { email }, include: { profile: true } })) as { id: string; profile: { id: string } };
    const u = await profileOf(unconfirmed.email);
    const c = await profileOf(confirmed.email);
    const as = (x: { id: string }) => ({ id: x.id, role: "PROFESSIONAL" as const });
    const before = await counts();
    expect(await applyToGig(u.profile.id, lab.gig.id, "", as(u))).toMatchObject({ ok: false, status: 403, code: "EMAIL_NOT_CONFIRMED" });
    // Unconfirmed comes first, as before: even for a gig that does not exist.
    expect(await applyToGig(u.profile.id, "no-such-gig", "", as(u))).toMatchObject({ ok: false, status: 403, code: "EMAIL_NOT_CONFIRMED" });
    expect(await applyToGig(c.profile.id, "no-such-gig", "", as(c))).toMatchObject({ ok: false, status: 404, code: "NOT_FOUND" });
    expect(added(before, await counts())).toEqual({});
    const first = await applyToGig(c.profile.id, lab.gig.id, "", as(c));
    expect(first.ok).toBe(true);
    const once = await counts();
    expect(await applyToGig(c.profile.id, lab.gig.id, "", as(c))).toMatchObject({ ok: false, status: 409, code: "DUPLICATE" });
    expect(added(once, await counts())).toEqual({});
    const owner = { id: lab.ownerUser.id, role: "LAB_MEMBER" };
    expect((await changeGigStatus(lab.gig.id, "PAUSED", owner, { reason: "A pause" })).ok).toBe(true);
    const other = await signUp(base);
    const o = await profileOf(other.email);
    const afterSignUp = await counts();
    expect(await applyToGig(o.profile.id, lab.gig.id, "", as(o))).toMatchObject({ ok: false, status: 409, code: "GIG_NOT_OPEN" });
    expect(added(afterSignUp, await counts())).toEqual({});
  });

  it("the action's gig read on the bare pool gives the row Prisma gives", async () => {
    const lab = await labWithOpenGig(base, { title: `Row ${rand()}` });
    await db().gig.update({ where: { id: lab.gig.id }, data: { publishedAt: new Date("2026-05-06T07:08:09.123Z") } });
    expect(await getGigRow(lab.gig.id)).toEqual(await getGig(lab.gig.id));
    expect(await getGigRow("no-such-gig")).toBeNull();
  });
});
