/**
 * The hot reads of the signed-in pages rewritten as single SQL statements (decision 0029) give
 * exactly what the Prisma `include` queries they replaced gave, on real PostgreSQL data:
 * - the session lookup (session + user + lab membership + lab slug + profile + unread count), with
 *   its security edge cases: revoked, expired, disabled, role or membership changed, no profile;
 * - Gig + Lab + LabLogo (gig page, search), the board's gig + lab + coordinator, and the board's
 *   applications + profiles + unread message counts (same rows, same order); the board's SLA table
 *   and staff list (decision 0036), and the three in one statement (boardPageReads);
 * - the search page's "you applied" ids (same ids).
 * Each `reference*` below is the Prisma code the app ran before.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { assignableStaff } from "~/services/account.server";
import { applicationsOnBoard } from "~/services/applications.server";
import { applicationsOfProfile } from "~/services/dashboards.server";
import { boardPageReads, gigForBoard, gigWithLab, gigsWithLab, openGigsWithLab } from "~/services/gigs.server";
import { appliedGigIds } from "~/services/search.server";
import { currentSlaTable, loadSlaTable } from "~/services/sla.server";
import { type SessionUser, createSession, getSessionUser, hashToken, lookupSession } from "~/session.server";
import { seedIfEmpty } from "../../prisma/seed";
import { useFreshDatabase } from "../setup/db";

const url = await useFreshDatabase();

beforeAll(async () => {
  await seedIfEmpty(url, () => {});
}, 60_000);

/** The session lookup as it was (Prisma include, five statements), minus the lastSeenAt refresh. */
async function referenceSessionUser(token: string): Promise<SessionUser | null> {
  const session = await db().session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: {
      user: {
        include: {
          labMember: { include: { lab: { select: { slug: true } } } },
          profile: { select: { id: true } },
          _count: { select: { notifications: { where: { readAt: null } } } },
        },
      },
    },
  });
  if (!session || session.expiresAt < new Date() || session.user.disabledAt) return null;
  const u = session.user;
  return {
    id: u.id,
    sessionId: session.id,
    email: u.email,
    name: u.name,
    role: u.role,
    emailVerified: Boolean(u.emailVerifiedAt),
    labId: u.labMember?.labId ?? null,
    labSlug: u.labMember?.lab.slug ?? null,
    labRole: u.labMember?.role ?? null,
    profileId: u.profile?.id ?? null,
    unreadNotifications: u._count.notifications,
    timeZone: u.timeZone,
  };
}

async function signIn(userId: string) {
  const setCookie = await createSession(userId, { ip: "127.0.0.1", userAgent: "test" });
  const token = setCookie.split(";")[0].split("=")[1];
  return { token, request: () => new Request("http://localhost/", { headers: { cookie: `sa_session=${token}` } }) };
}

describe("session lookup in one statement", () => {
  it("equals the Prisma include for every user (professionals, lab owners and members without a profile, coordinators, admins)", async () => {
    const users = await db().user.findMany({ select: { id: true, role: true } });
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(["PROFESSIONAL", "LAB_MEMBER", "COORDINATOR", "ADMIN"]));
    // unread notifications: some read, some not, for one user
    const someone = users[0];
    await db().notification.createMany({
      data: [1, 2, 3].map((i) => ({ userId: someone.id, kind: "test", title: `n${i}`, readAt: i === 2 ? new Date() : null })),
    });
    let withLab = 0;
    let withoutProfile = 0;
    for (const u of users) {
      const { token, request } = await signIn(u.id);
      const expected = await referenceSessionUser(token);
      expect(expected).not.toBeNull();
      expect(await getSessionUser(request())).toEqual(expected);
      if (expected?.labId) withLab++;
      if (!expected?.profileId) withoutProfile++;
    }
    expect(withLab).toBeGreaterThan(0);
    expect(withoutProfile).toBeGreaterThan(0);
    const { token } = await signIn(someone.id);
    expect((await lookupSession(hashToken(token)))!.unread).toBe((await referenceSessionUser(token))!.unreadNotifications);
    expect((await referenceSessionUser(token))!.unreadNotifications).toBeGreaterThanOrEqual(2);
  });

  it("revoked, expired, unknown sessions and disabled users get no user", async () => {
    const pro = (await db().user.findFirst({ where: { role: "PROFESSIONAL", disabledAt: null } }))!;
    const revoked = await signIn(pro.id);
    expect(await getSessionUser(revoked.request())).not.toBeNull();
    await db().session.deleteMany({ where: { tokenHash: hashToken(revoked.token) } });
    expect(await getSessionUser(revoked.request())).toBeNull();

    const expired = await signIn(pro.id);
    await db().session.update({ where: { tokenHash: hashToken(expired.token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getSessionUser(expired.request())).toBeNull();

    expect(await getSessionUser(new Request("http://localhost/", { headers: { cookie: "sa_session=not-a-token" } }))).toBeNull();
    expect(await getSessionUser(new Request("http://localhost/"))).toBeNull();

    const disabled = await signIn(pro.id);
    expect(await getSessionUser(disabled.request())).not.toBeNull();
    await db().user.update({ where: { id: pro.id }, data: { disabledAt: new Date() } });
    expect(await getSessionUser(disabled.request())).toBeNull();
    expect(await referenceSessionUser(disabled.token)).toBeNull();
    await db().user.update({ where: { id: pro.id }, data: { disabledAt: null } });
    expect(await getSessionUser(disabled.request())).not.toBeNull();
  });

  it("role, lab membership and unread count changes show on the very next request (nothing cached)", async () => {
    const member = (await db().labMember.findFirst({ where: { role: "MEMBER" }, include: { user: true } }))!;
    const s = await signIn(member.userId);
    expect(await getSessionUser(s.request())).toMatchObject({ labId: member.labId, labRole: "MEMBER", role: member.user.role });
    await db().labMember.update({ where: { id: member.id }, data: { role: "OWNER" } });
    expect(await getSessionUser(s.request())).toMatchObject({ labRole: "OWNER" });
    const otherLab = (await db().lab.findFirst({ where: { id: { not: member.labId } } }))!;
    await db().labMember.update({ where: { id: member.id }, data: { labId: otherLab.id } });
    expect(await getSessionUser(s.request())).toMatchObject({ labId: otherLab.id, labSlug: otherLab.slug });
    await db().labMember.delete({ where: { id: member.id } });
    expect(await getSessionUser(s.request())).toMatchObject({ labId: null, labSlug: null, labRole: null });
    await db().user.update({ where: { id: member.userId }, data: { role: "COORDINATOR" } });
    expect(await getSessionUser(s.request())).toMatchObject({ role: "COORDINATOR" });
    const before = (await getSessionUser(s.request()))!.unreadNotifications;
    await db().notification.create({ data: { userId: member.userId, kind: "test", title: "new" } });
    expect((await getSessionUser(s.request()))!.unreadNotifications).toBe(before + 1);
    expect(await getSessionUser(s.request())).toEqual(await referenceSessionUser(s.token));
  });

  it("lookups started in the same tick (root and page loader) share an answer; the next request sees a disable at once", async () => {
    const pro = (await db().user.findFirst({ where: { role: "PROFESSIONAL", disabledAt: null } }))!;
    const s = await signIn(pro.id);
    const [a, b] = await Promise.all([getSessionUser(s.request()), getSessionUser(s.request())]);
    expect(a).not.toBeNull();
    expect(b).toEqual(a);
    await db().user.update({ where: { id: pro.id }, data: { disabledAt: new Date() } });
    expect(await getSessionUser(s.request())).toBeNull();
    await db().user.update({ where: { id: pro.id }, data: { disabledAt: null } });
  });

  it("a user belongs to at most one lab, so the join never yields two rows", async () => {
    const member = (await db().labMember.findFirst())!;
    const otherLab = (await db().lab.findFirst({ where: { id: { not: member.labId } } }))!;
    await expect(db().labMember.create({ data: { userId: member.userId, labId: otherLab.id } })).rejects.toThrow();
  });

  it("still slides the expiry of a session last seen over 10 minutes ago", async () => {
    const pro = (await db().user.findFirst({ where: { role: "PROFESSIONAL", disabledAt: null } }))!;
    const s = await signIn(pro.id);
    const old = new Date(Date.now() - 20 * 60_000);
    await db().session.update({
      where: { tokenHash: hashToken(s.token) },
      data: { lastSeenAt: old, expiresAt: new Date(Date.now() + 60_000) },
    });
    expect(await getSessionUser(s.request())).not.toBeNull();
    const row = (await db().session.findUnique({ where: { tokenHash: hashToken(s.token) } }))!;
    expect(row.lastSeenAt.getTime()).toBeGreaterThan(old.getTime());
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 86_400_000);
  });
});

describe("gig, board and search reads in one statement", () => {
  const referenceGigWithLab = (id: string) =>
    db().gig.findUnique({ where: { id }, include: { lab: { include: { logo: { select: { sha256: true } } } } } });

  it("gigWithLab and openGigsWithLab equal the Prisma include for every gig, with and without a lab logo", async () => {
    const lab = (await db().lab.findFirst({ where: { gigs: { some: {} } } }))!;
    await db().labLogo.upsert({
      where: { labId: lab.id },
      create: { labId: lab.id, contentType: "image/png", bytes: Buffer.from([1, 2, 3]), sha256: "abc123" },
      update: {},
    });
    const gigs = await db().gig.findMany({ select: { id: true, labId: true, status: true } });
    expect(gigs.some((g) => g.labId === lab.id)).toBe(true);
    expect(gigs.some((g) => g.status !== "OPEN")).toBe(true);
    for (const g of gigs) expect(await gigWithLab(g.id)).toEqual(await referenceGigWithLab(g.id));
    expect((await gigWithLab(gigs.find((g) => g.labId === lab.id)!.id))!.lab.logo).toEqual({ sha256: "abc123" });
    expect(await gigWithLab("no-such-gig")).toBeNull();

    const ids = [...gigs.map((g) => g.id), "no-such-gig"];
    const expected = await db().gig.findMany({
      where: { id: { in: ids }, status: "OPEN" },
      include: { lab: { include: { logo: { select: { sha256: true } } } } },
    });
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect((await openGigsWithLab(ids)).sort(byId)).toEqual(expected.sort(byId));
    expect(expected.length).toBeGreaterThan(0);
    expect(await openGigsWithLab([])).toEqual([]);
    const all = await db().gig.findMany({
      where: { id: { in: ids } },
      include: { lab: { include: { logo: { select: { sha256: true } } } } },
    });
    expect((await gigsWithLab(ids)).sort(byId)).toEqual(all.sort(byId));
  });

  it("applicationsOfProfile (the dashboard) equals the Prisma nested select for every applicant, ordered by updatedAt then id", async () => {
    const profiles = await db().application.findMany({ distinct: ["profileId"], select: { profileId: true } });
    expect(profiles.length).toBeGreaterThan(1);
    // a tie on updatedAt for one person, broken by id
    const many = await db().application.groupBy({ by: ["profileId"], _count: true, orderBy: { _count: { profileId: "desc" } }, take: 1 });
    await db().$executeRaw`UPDATE "Application" SET "updatedAt" = '2026-01-01' WHERE "profileId" = ${many[0].profileId}`;
    for (const { profileId } of [...profiles, { profileId: "no-such-profile" }]) {
      const expected = await db().application.findMany({
        where: { profileId },
        select: {
          id: true,
          gigId: true,
          stage: true,
          checklist: true,
          stageEnteredAt: true,
          origin: true,
          lastReason: true,
          gig: {
            select: { title: true, screeningRequired: true, ndaRequired: true, trainingModules: true, lab: { select: { name: true } } },
          },
        },
        orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      });
      expect(await applicationsOfProfile(profileId)).toEqual(expected);
    }
  });

  it("appliedGigIds (search results) equals the Prisma findMany for every profile, over every gig and unknown ids", async () => {
    const profiles = await db().profile.findMany({ select: { id: true } });
    const gigIds = [...(await db().gig.findMany({ select: { id: true } })).map((g) => g.id), "no-such-gig"];
    let applied = 0;
    for (const { id: profileId } of [...profiles, { id: "no-such-profile" }]) {
      // all gigs, and a slice that leaves some of the person's applications out
      for (const ids of [gigIds, gigIds.filter((_, i) => i % 2 === 0)]) {
        const expected = await db().application.findMany({ where: { profileId, gigId: { in: ids } }, select: { gigId: true } });
        const got = await appliedGigIds(profileId, ids);
        expect(got.sort()).toEqual(expected.map((a) => a.gigId).sort());
        applied += got.length;
      }
      expect(await appliedGigIds(profileId, [])).toEqual([]);
    }
    expect(applied).toBeGreaterThan(0);
  });

  it("gigForBoard equals the Prisma select of the columns the board uses, for every gig, with and without a coordinator", async () => {
    const gigs = await db().gig.findMany({ select: { id: true } });
    const coordinator = (await db().user.findFirst({ where: { role: "COORDINATOR" } }))!;
    await db().gig.update({ where: { id: gigs[0].id }, data: { coordinatorId: coordinator.id } });
    await db().gig.update({ where: { id: gigs[1].id }, data: { coordinatorId: null } });
    // trainingModules with items, and gigs with each flag, so arrays and booleans are compared.
    await db().gig.update({ where: { id: gigs[2].id }, data: { trainingModules: ["Style guide", "Tools"], ndaRequired: true } });
    for (const { id } of gigs) {
      const expected = await db().gig.findUnique({
        where: { id },
        select: {
          id: true,
          labId: true,
          title: true,
          status: true,
          screeningRequired: true,
          ndaRequired: true,
          trainingModules: true,
          coordinatorId: true,
          lab: { select: { name: true, slug: true } },
          coordinator: { select: { id: true, name: true } },
        },
      });
      expect(await gigForBoard(id)).toEqual(expected);
    }
    expect((await gigForBoard(gigs[0].id))!.coordinator).toEqual({ id: coordinator.id, name: coordinator.name });
    expect((await gigForBoard(gigs[1].id))!.coordinator).toBeNull();
    expect((await gigForBoard(gigs[2].id))!.trainingModules).toEqual(["Style guide", "Tools"]);
    expect(await gigForBoard("no-such-gig")).toBeNull();
  });

  /** The board's unread counts as they were read before (a separate $queryRaw after the applications). */
  async function referenceUnread(applicationIds: string[], userId: string) {
    if (applicationIds.length === 0) return new Map<string, number>();
    const found = await db().$queryRaw<{ applicationId: string; n: number }[]>`
      SELECT m."applicationId", count(*)::int AS n
      FROM "Message" m
      LEFT JOIN "MessageRead" r ON r."applicationId" = m."applicationId" AND r."userId" = ${userId}
      WHERE m."applicationId" = ANY(${applicationIds}::text[])
        AND m."hiddenAt" IS NULL
        AND m."authorId" IS DISTINCT FROM ${userId}
        AND (r."lastReadAt" IS NULL OR m."createdAt" > r."lastReadAt")
      GROUP BY m."applicationId"`;
    return new Map(found.map((r) => [r.applicationId, Number(r.n)]));
  }

  it("applicationsOnBoard equals the Prisma query and the unread counts it replaced (rows, order with null and tied scores, shape) for every gig", async () => {
    // ties and nulls in matchScore, so the order's tie-break (createdAt) and NULL placement are exercised
    const top = (await db().application.groupBy({ by: ["gigId"], _count: true, orderBy: { _count: { gigId: "desc" } }, take: 1 }))[0];
    const apps = await db().application.findMany({
      where: { gigId: top.gigId },
      select: { id: true, profile: { select: { userId: true } } },
    });
    expect(apps.length).toBeGreaterThanOrEqual(4);
    await db().application.update({ where: { id: apps[0].id }, data: { matchScore: null } });
    await db().application.updateMany({ where: { id: { in: [apps[1].id, apps[2].id] } }, data: { matchScore: 50 } });
    // a reminder sent for the current stage visit, so the nudge columns are compared with values
    await db().$executeRaw`UPDATE "Application" SET "slaNudgedStageAt" = "stageEnteredAt", "slaNudgedAt" = now() WHERE id = ${apps[3].id}`;
    // Messages: unread from the professional, one hidden, one the viewer wrote, some read (marker after them), one after the marker.
    const viewer = (await db().user.findFirst({ where: { role: "COORDINATOR" } }))!;
    const other = (await db().user.findFirst({ where: { role: "ADMIN" } }))!;
    const at = (s: string) => new Date(`2026-06-0${s}T10:00:00.000Z`);
    await db().message.createMany({
      data: [
        { applicationId: apps[0].id, authorId: apps[0].profile.userId, authorRole: "PROFESSIONAL", body: "a", createdAt: at("1") },
        { applicationId: apps[0].id, authorId: apps[0].profile.userId, authorRole: "PROFESSIONAL", body: "b", createdAt: at("2") },
        { applicationId: apps[0].id, authorId: other.id, authorRole: "COORDINATOR", body: "c", createdAt: at("2"), hiddenAt: at("3") },
        { applicationId: apps[1].id, authorId: viewer.id, authorRole: "COORDINATOR", body: "d", createdAt: at("1") },
        { applicationId: apps[1].id, authorId: null, authorRole: "PROFESSIONAL", body: "e", createdAt: at("1") },
        { applicationId: apps[2].id, authorId: apps[2].profile.userId, authorRole: "PROFESSIONAL", body: "f", createdAt: at("1") },
        { applicationId: apps[2].id, authorId: apps[2].profile.userId, authorRole: "PROFESSIONAL", body: "g", createdAt: at("5") },
      ],
    });
    await db().messageRead.create({ data: { applicationId: apps[2].id, userId: viewer.id, lastReadAt: at("3") } });
    await db().messageRead.create({ data: { applicationId: apps[0].id, userId: other.id, lastReadAt: at("9") } });
    const gigs = await db().gig.findMany({ select: { id: true } });
    let unreadSeen = 0;
    for (const { id } of gigs) {
      for (const userId of [viewer.id, other.id]) {
        const expected = await db().application.findMany({
          where: { gigId: id },
          select: {
            id: true,
            origin: true,
            stage: true,
            stageEnteredAt: true,
            checklist: true,
            matchScore: true,
            slaNudgedStageAt: true,
            slaNudgedAt: true,
            version: true,
            profile: { select: { displayName: true, headline: true, visibility: true } },
          },
          orderBy: [{ matchScore: "desc" }, { createdAt: "asc" }],
        });
        const unread = await referenceUnread(
          expected.map((a) => a.id),
          userId,
        );
        const got = await applicationsOnBoard(id, userId);
        expect(got).toEqual(expected.map((a) => ({ ...a, unread: unread.get(a.id) ?? 0 })));
        unreadSeen += got.reduce((n, a) => n + a.unread, 0);
      }
    }
    const mine = new Map((await applicationsOnBoard(top.gigId, viewer.id)).map((a) => [a.id, a.unread]));
    expect([mine.get(apps[0].id), mine.get(apps[1].id), mine.get(apps[2].id)]).toEqual([2, 1, 1]);
    expect(unreadSeen).toBeGreaterThan(0);
  });

  it("currentSlaTable equals loadSlaTable (Prisma) with no rows, with overrides and with a stage switched off", async () => {
    await db().stageSla.deleteMany();
    expect(await currentSlaTable()).toEqual(await loadSlaTable());
    await db().stageSla.createMany({
      data: [
        { stage: "SCREENING", days: 9 },
        { stage: "SHORTLISTED", days: null },
      ],
    });
    const table = await currentSlaTable();
    expect(table).toEqual(await loadSlaTable());
    expect(table.SCREENING).toBe(9);
    expect(table.SHORTLISTED).toBeNull();
  });

  it("assignableStaff equals the Prisma query (enabled coordinators and admins by name)", async () => {
    const reference = () =>
      db().user.findMany({
        where: { role: { in: ["COORDINATOR", "ADMIN"] }, disabledAt: null },
        select: { id: true, name: true, role: true },
        orderBy: { name: "asc" },
      });
    const before = await reference();
    expect(before.length).toBeGreaterThan(1);
    expect(await assignableStaff()).toEqual(before);
    await db().user.update({ where: { id: before[0].id }, data: { disabledAt: new Date() } });
    const after = await reference();
    expect(after.length).toBe(before.length - 1);
    expect(await assignableStaff()).toEqual(after);
  });

  it("boardPageReads equals gigForBoard + currentSlaTable + assignableStaff, for every gig, staff or not, as the tables change", async () => {
    const gigs = [...(await db().gig.findMany({ select: { id: true } })).map((g) => g.id)];
    const compare = async () => {
      for (const id of gigs) {
        const sla = await currentSlaTable();
        const staff = await assignableStaff();
        expect(await boardPageReads(id, { staff: true })).toEqual({ gig: await gigForBoard(id), sla, staff });
        expect(await boardPageReads(id, { staff: false })).toEqual({ gig: await gigForBoard(id), sla, staff: [] });
      }
      expect(await boardPageReads("no-such-gig", { staff: true })).toBeNull();
    };
    await db().stageSla.deleteMany();
    await compare();
    await db().stageSla.createMany({
      data: [
        { stage: "SCREENING", days: 4 },
        { stage: "OFFERED", days: null },
      ],
    });
    const enabled = await db().user.findFirst({ where: { role: { in: ["COORDINATOR", "ADMIN"] }, disabledAt: null } });
    await db().user.update({ where: { id: enabled!.id }, data: { disabledAt: new Date() } });
    await compare();
    const reads = (await boardPageReads(gigs[0], { staff: true }))!;
    expect(reads.sla.SCREENING).toBe(4);
    expect(reads.sla.OFFERED).toBeNull();
    expect(reads.staff.length).toBeGreaterThan(0);
    expect(reads.staff.some((u) => u.id === enabled!.id)).toBe(false);
    // by name, as the list is shown
    expect(reads.staff.map((u) => u.name)).toEqual(
      (await db().user.findMany({ where: { role: { in: ["COORDINATOR", "ADMIN"] }, disabledAt: null }, orderBy: { name: "asc" } })).map(
        (u) => u.name,
      ),
    );
    // no staff at all: an empty list, not null
    await db().$executeRaw`UPDATE "User" SET "disabledAt" = now() WHERE role IN ('COORDINATOR', 'ADMIN')`;
    expect((await boardPageReads(gigs[0], { staff: true }))!.staff).toEqual([]);
  });
});
