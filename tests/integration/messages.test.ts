/**
 * Conversations per application (issue 24) over real HTTP and PostgreSQL: the professional and
 * the lab (owner and plain member) and a coordinator write to each other from the tracker and
 * the candidate view; everyone else (another professional, another lab, signed out) is refused
 * and never receives a message's text; admins read and hide but do not write; the rate limit
 * says when to try again; a hidden message's text is gone for the participants and the hiding is
 * audited; the board's "Message selected" writes one message per selected conversation; every
 * other participant gets a notification and an email, none of which holds an email address.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { RATE_LIMITS } from "~/domain/messages";
import { hashPassword } from "~/password.server";
import { conversationFor } from "~/services/messages.server";
import { type Client, PASSWORD, logIn, signUp } from "../setup/http";
import { useTestServer } from "../setup/server";
import { labWithOpenGig, rand, staff } from "./fixtures";

const base = await useTestServer();

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

async function apply(client: Client, gigId: string) {
  const res = await client.post(`/gigs/${gigId}`, { intent: "apply", note: "Ten years in sitcom rooms." });
  expect(res.status).toBe(303);
  return res.headers.get("location")!.split("/").pop()!;
}

async function pro(name: string) {
  const { client, email } = await signUp(base, { name });
  const user = await db().user.findUniqueOrThrow({ where: { email }, include: { profile: true } });
  return { client, email, user, profileId: user.profile!.id };
}

/** Lab X (owner + plain member) with an open gig, lab Y with one, a coordinator, an admin, and professional A applied to X's gig. */
async function world() {
  const r = rand();
  const x = await labWithOpenGig(base, { title: `X gig ${r}` });
  const y = await labWithOpenGig(base, { title: `Y gig ${r}` });
  const labX = await db().lab.findUniqueOrThrow({ where: { id: x.labId } });
  const memberEmail = `xmember-${r}@labx.test`;
  const member = await db().user.create({
    data: {
      email: memberEmail,
      name: "Xena Member",
      passwordHash: await hashPassword(PASSWORD),
      role: "LAB_MEMBER",
      emailVerifiedAt: new Date(),
    },
  });
  await db().labMember.create({ data: { labId: x.labId, userId: member.id, role: "MEMBER" } });
  const coord = await staff("COORDINATOR");
  const admin = await staff("ADMIN");
  const a = await pro(`Alma Writer ${r}`);
  const b = await pro(`Bert Other ${r}`);
  const appA = await apply(a.client, x.gig.id);
  return {
    r,
    x,
    y,
    labX,
    member: { user: member, client: await logIn(base, memberEmail) },
    coord: { ...coord, client: await logIn(base, coord.email) },
    admin: { ...admin, client: await logIn(base, admin.email) },
    a,
    b,
    appA,
    tracker: `/me/applications/${appA}`,
    candidate: `/coord/gigs/${x.gig.id}/candidates/${appA}`,
  };
}

const messagesOf = (applicationId: string) => db().message.findMany({ where: { applicationId }, orderBy: { createdAt: "asc" } });

describe("a conversation per application", () => {
  it("the professional, the lab and a coordinator write to each other; each other participant is notified and emailed without an email address", async () => {
    const w = await world();
    const allEmails = [w.a.email, w.b.email, w.x.owner.email, w.member.user.email, w.coord.email, w.admin.email];
    const since = new Date();

    // The professional writes from the tracker (HTML and a link in the text).
    const sent = await w.a.client.post(w.tracker, {
      intent: "message",
      body: `  Hello <b>team</b>, my reel: https://example.com/reel?x=1&y=2 ${w.r}  `,
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`${w.tracker}#messages`);
    let rows = await messagesOf(w.appA);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      authorId: w.a.user.id,
      authorRole: "PROFESSIONAL",
      body: `Hello <b>team</b>, my reel: https://example.com/reel?x=1&y=2 ${w.r}`,
    });

    // Told: both lab members and (no responsible coordinator, none wrote yet) every coordinator; not the author, not the admin.
    const told = await db().notification.findMany({ where: { kind: "message", createdAt: { gte: since } } });
    const toldIds = told.map((n) => n.userId);
    expect(toldIds).toEqual(expect.arrayContaining([w.x.ownerUser.id, w.member.user.id, w.coord.user.id]));
    expect(toldIds).not.toContain(w.a.user.id);
    expect(toldIds).not.toContain(w.admin.user.id);
    const toLab = told.find((n) => n.userId === w.member.user.id)!;
    expect(toLab.title).toBe(`New message about "${w.x.gig.title}"`);
    expect(toLab.body).toContain(`Alma Writer ${w.r} wrote: Hello <b>team</b>`);
    expect(toLab.link).toBe(`${w.candidate}#messages`);
    const mails = await db().mailMessage.findMany({ where: { kind: "message", createdAt: { gte: since } } });
    expect(mails.map((m) => m.to)).toEqual(expect.arrayContaining([w.x.owner.email, w.member.user.email, w.coord.email]));
    for (const m of [...mails.map((x) => `${x.subject}\n${x.text}`), ...told.map((n) => `${n.title}\n${n.body}`)]) {
      expect(m).not.toMatch(EMAIL);
      for (const e of allEmails) expect(m).not.toContain(e);
    }

    // The tracker shows it escaped, with the link made safe.
    const page = await (await w.a.client.get(w.tracker)).text();
    expect(page).toContain("Hello &lt;b&gt;team&lt;/b&gt;");
    expect(page).not.toContain("<b>team</b>");
    expect(page).toMatch(/<a href="https:\/\/example\.com\/reel\?x=1&amp;y=2" rel="noopener noreferrer nofollow ugc" target="_blank">/);

    // The lab member sees it in the candidate view, unread on the board first.
    const board = await (await w.member.client.get(`/coord/gigs/${w.x.gig.id}`)).text();
    expect(board).toMatch(/data-testid="unread"[^>]*>1</);
    const view = await (await w.member.client.get(w.candidate)).text();
    expect(view).toContain("Hello &lt;b&gt;team&lt;/b&gt;");
    const boardAfter = await (await w.member.client.get(`/coord/gigs/${w.x.gig.id}`)).text();
    expect(boardAfter).not.toContain('data-testid="unread"');

    // The lab member answers: the professional reads "<name>, <lab>", never an address.
    const answered = await w.member.client.post(w.candidate, { intent: "message", body: `Thanks! Could you start Monday? ${w.r}` });
    expect(answered.status).toBe(303);
    expect(answered.headers.get("location")).toMatch(new RegExp(`^${w.candidate}.*#messages$`));
    const proNotice = await db().notification.findFirstOrThrow({
      where: { userId: w.a.user.id, kind: "message" },
      orderBy: { createdAt: "desc" },
    });
    expect(proNotice.body).toBe(`Xena Member, ${w.labX.name} wrote: Thanks! Could you start Monday? ${w.r}`);
    expect(proNotice.link).toBe(`${w.tracker}#messages`);
    const proPage = await (await w.a.client.get(w.tracker)).text();
    expect(proPage).toContain(`Xena Member, ${w.labX.name}`);
    expect(proPage).not.toContain(w.member.user.email);

    // A coordinator writes from the candidate view; the professional is told; then a pro reply reaches that coordinator.
    const byCoord = await w.coord.client.post(w.candidate, { intent: "message", body: "Coordinator here: all good on your side." });
    expect(byCoord.status).toBe(303);
    expect(
      await db().notification.count({
        where: { userId: w.a.user.id, kind: "message", body: { contains: "Second Act coordinator wrote: Coordinator here" } },
      }),
    ).toBe(1);
    rows = await messagesOf(w.appA);
    expect(rows.map((m) => m.authorRole)).toEqual(["PROFESSIONAL", "LAB_MEMBER", "COORDINATOR"]);

    // The professional's data export holds the messages they wrote (not the others').
    const exported = await (await w.a.client.get("/me/data/export.json")).json();
    expect(exported.applications[0].messages.map((m: { body: string }) => m.body)).toEqual([
      `Hello <b>team</b>, my reel: https://example.com/reel?x=1&y=2 ${w.r}`,
    ]);

    // Pages never show an email address of a participant in the conversation panel.
    const coordPage = await (await w.coord.client.get(w.candidate)).text();
    const panel = coordPage.slice(coordPage.indexOf('id="messages"'), coordPage.indexOf("</section>", coordPage.indexOf('id="messages"')));
    expect(panel).toContain("Coordinator here");
    expect(panel).not.toMatch(EMAIL);
  });

  it("nobody outside the application reads or writes it, and the text never leaks", async () => {
    const w = await world();
    const secret = `SECRET-${w.r}-conversation`;
    expect((await w.a.client.post(w.tracker, { intent: "message", body: secret })).status).toBe(303);
    const labY = w.y.owner.client;
    const probes: { who: string; client: Client; path: string }[] = [
      { who: "professional B", client: w.b.client, path: w.tracker },
      { who: "professional B (candidate view)", client: w.b.client, path: w.candidate },
      { who: "lab Y", client: labY, path: w.candidate },
      { who: "lab Y under its own gig", client: labY, path: `/coord/gigs/${w.y.gig.id}/candidates/${w.appA}` },
      { who: "lab Y (tracker)", client: labY, path: w.tracker },
      { who: "lab X (tracker)", client: w.x.owner.client, path: w.tracker },
    ];
    for (const p of probes) {
      const got = await p.client.get(p.path);
      expect([403, 404], `${p.who} GET ${p.path}`).toContain(got.status);
      expect(await got.text()).not.toContain(secret);
      const posted = await p.client.post(p.path, { intent: "message", body: `intrusion by ${p.who}` });
      expect([403, 404], `${p.who} POST ${p.path}`).toContain(posted.status);
      expect(await posted.text()).not.toContain(secret);
      const data = await p.client.get(`${p.path}.data`);
      expect(await data.text()).not.toContain(secret);
    }
    // Signed out: to the log-in page, nothing shown.
    const { Client: C } = await import("../setup/http");
    const anon = new C(base);
    for (const path of [w.tracker, w.candidate]) {
      const got = await anon.get(path);
      expect(got.status).toBe(302);
      expect(got.headers.get("location")).toMatch(/^\/login/);
      expect(await got.text()).not.toContain(secret);
      const posted = await anon.post(path, { intent: "message", body: "anonymous" });
      expect([302, 403]).toContain(posted.status);
    }
    expect((await messagesOf(w.appA)).map((m) => m.body)).toEqual([secret]);
    // The service refuses on its own, whatever a route checked.
    const labYUser = { id: w.y.ownerUser.id, role: "LAB_MEMBER", profileId: null, labId: w.y.labId };
    expect(await conversationFor(w.appA, labYUser)).toBeNull();
    expect(await conversationFor(w.appA, { id: w.b.user.id, role: "PROFESSIONAL", profileId: w.b.profileId, labId: null })).toBeNull();
    // An admin reads (to moderate) but does not write.
    const adminPage = await (await w.admin.client.get(w.candidate)).text();
    expect(adminPage).toContain(secret);
    const adminPost = await w.admin.client.post(w.candidate, { intent: "message", body: "admin speaking" });
    expect(adminPost.status).toBe(403);
    expect(await messagesOf(w.appA)).toHaveLength(1);
  });

  it("refuses an empty or too long message next to the field, keeping what was typed", async () => {
    const w = await world();
    const empty = await w.a.client.post(w.tracker, { intent: "message", body: "   " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Write a message.");
    const long = await w.member.client.post(w.candidate, { intent: "message", body: "x".repeat(4001) });
    expect(long.status).toBe(400);
    const html = await long.text();
    expect(html).toContain("Use at most 4000 characters.");
    expect(html).toMatch(/aria-invalid="true"/);
    expect(await messagesOf(w.appA)).toHaveLength(0);
  });

  it(`rate limit: the ${RATE_LIMITS.perConversationPerMinute + 1}th message in a minute is refused with when to try again, and nothing is written`, async () => {
    const w = await world();
    for (let i = 0; i < RATE_LIMITS.perConversationPerMinute; i++) {
      expect((await w.a.client.post(w.tracker, { intent: "message", body: `message ${i}` })).status).toBe(303);
    }
    const refused = await w.a.client.post(w.tracker, { intent: "message", body: "one too many" });
    expect(refused.status).toBe(429);
    // Under a minute away, said in seconds; when the five went out within the same second the wait
    // rounds up to a full minute ("in 1 minute", app/domain/messages.ts waitText).
    expect(await refused.text()).toMatch(/You can send the next one in (\d+ seconds?|1 minute)\./);
    expect(await messagesOf(w.appA)).toHaveLength(RATE_LIMITS.perConversationPerMinute);
    // Another person in the same conversation is not limited by it.
    expect((await w.member.client.post(w.candidate, { intent: "message", body: "lab answer" })).status).toBe(303);
  });

  it("a coordinator hides a message with a reason (audited); its text is gone for the participants; the lab cannot hide", async () => {
    const w = await world();
    const rude = `RUDE-${w.r} text`;
    expect((await w.a.client.post(w.tracker, { intent: "message", body: rude })).status).toBe(303);
    const [m] = await messagesOf(w.appA);
    expect((await w.member.client.post(w.candidate, { intent: "hide", messageId: m.id, reason: "Not allowed" })).status).toBe(403);
    const noReason = await w.coord.client.post(w.candidate, { intent: "hide", messageId: m.id, reason: "" });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Say why the message is hidden");
    expect((await db().message.findUniqueOrThrow({ where: { id: m.id } })).hiddenAt).toBeNull();

    const hidden = await w.coord.client.post(w.candidate, { intent: "hide", messageId: m.id, reason: "Personal insult" });
    expect(hidden.status).toBe(303);
    const row = await db().message.findUniqueOrThrow({ where: { id: m.id } });
    expect(row.hiddenAt).not.toBeNull();
    expect(row).toMatchObject({ hiddenById: w.coord.user.id, hiddenReason: "Personal insult", body: rude });
    const event = await db().event.findFirstOrThrow({ where: { action: "message.hidden", entityId: m.id } });
    expect(event).toMatchObject({ actorId: w.coord.user.id, actorRole: "COORDINATOR", entityType: "Message" });
    expect(event.after).toMatchObject({ reason: "Personal insult", applicationId: w.appA });

    for (const c of [w.a.client, w.member.client]) {
      const page = await (await c.get(c === w.a.client ? w.tracker : w.candidate)).text();
      expect(page).not.toContain(rude);
      expect(page).toContain("Hidden by a coordinator");
    }
    // Hiding twice is a conflict, not a second audit entry.
    expect((await w.admin.client.post(w.candidate, { intent: "hide", messageId: m.id, reason: "again" })).status).toBe(409);
    expect(await db().event.count({ where: { action: "message.hidden", entityId: m.id } })).toBe(1);
  });

  it("the board's 'Message selected' writes one message into each selected conversation, in one go, and notifies each person", async () => {
    const w = await world();
    const c = await pro(`Cleo ${w.r}`);
    const d = await pro(`Dev ${w.r}`);
    const appC = await apply(c.client, w.x.gig.id);
    const appD = await apply(d.client, w.x.gig.id);
    // An application on lab Y's gig slipped into the selection is not written to.
    const appOther = await apply(w.b.client, w.y.gig.id);
    const since = new Date();
    const body = `Kick-off call on Friday ${w.r}`;
    const res = await w.x.owner.client.post(`/coord/gigs/${w.x.gig.id}`, {
      intent: "bulk-message",
      select: [`${w.appA}:0`, `${appC}:0`, `${appD}:0`, `${appOther}:0`],
      message: body,
    });
    expect(res.status).toBe(303);
    const written = await db().message.findMany({ where: { body } });
    expect(written.map((m) => m.applicationId).sort()).toEqual([w.appA, appC, appD].sort());
    expect(new Set(written.map((m) => m.authorId))).toEqual(new Set([w.x.ownerUser.id]));
    const notices = await db().notification.findMany({ where: { kind: "message", createdAt: { gte: since } } });
    expect(notices.map((n) => n.userId).sort()).toEqual([w.a.user.id, c.user.id, d.user.id].sort());
    expect(notices.find((n) => n.userId === c.user.id)?.link).toBe(`/me/applications/${appC}#messages`);
    const mails = await db().mailMessage.findMany({ where: { kind: "message", createdAt: { gte: since } } });
    expect(mails.map((m) => m.to).sort()).toEqual([w.a.email, c.email, d.email].sort());
    for (const m of mails) expect(m.text).not.toMatch(EMAIL);
    // Each professional finds it in their own tracker.
    expect(await (await c.client.get(`/me/applications/${appC}`)).text()).toContain(body);
    // An admin cannot bulk-message (admins moderate), and nothing is written.
    const byAdmin = await w.admin.client.post(`/coord/gigs/${w.x.gig.id}`, {
      intent: "bulk-message",
      select: [`${w.appA}:0`],
      message: "admin bulk",
    });
    expect(byAdmin.status).toBe(403);
    expect(await db().message.count({ where: { body: "admin bulk" } })).toBe(0);
  });

  it("pages a long conversation: the newest page first, earlier messages one link away", async () => {
    const w = await world();
    const old = new Date(Date.now() - 2 * 3_600_000);
    await db().message.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        applicationId: w.appA,
        authorId: w.a.user.id,
        authorRole: "PROFESSIONAL",
        body: `numbered message #${String(i).padStart(2, "0")}#`,
        createdAt: new Date(old.getTime() + i * 1000),
      })),
    });
    const newest = await (await w.a.client.get(w.tracker)).text();
    expect(newest).toContain("numbered message #24#");
    expect(newest).toContain("numbered message #05#");
    expect(newest).not.toContain("numbered message #04#");
    const earlier = /href="([^"]*earlier=[^"#]+)#messages"/.exec(newest)?.[1].replace(/&amp;/g, "&");
    expect(earlier).toBeTruthy();
    const page2 = await (await w.a.client.get(earlier!)).text();
    expect(page2).toContain("numbered message #00#");
    expect(page2).toContain("numbered message #04#");
    expect(page2).not.toContain("numbered message #05#");
    // Newest last on a page: #05 comes before #24.
    expect(newest.indexOf("#05#")).toBeLessThan(newest.indexOf("#24#"));
  });
});
