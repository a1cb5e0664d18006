/**
 * Accounts, labs and tokens (issue #17 items 3, 6, 8, 9, 10, 11, 12; item 13 is stated in
 * authz-matrix.test.ts). Real HTTP against the built app and a real PostgreSQL.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createGig } from "~/services/gigs.server";
import { seedTransferRules } from "~/services/transfer.server";
import { hashToken } from "~/session.server";
import { Client, confirmationLink, logIn, PASSWORD, signUp, uniqueEmail } from "../setup/http";
import { useTestServer } from "../setup/server";
import { FULL_GIG, labWithOpenGig, rand, staff } from "./fixtures";

const base = await useTestServer();

beforeAll(async () => {
  // Transfer rules turn credits into the task-type scores that matching recalls people by.
  await seedTransferRules(db());
});

/**
 * HTML with the per-request values blanked (nonce, CSRF token, and the server's clock: the root
 * loader sends "now" in milliseconds so <Time> renders the same relative times on the server and on
 * hydration; it differs between any two requests and says nothing about the account) and the given
 * strings replaced.
 */
function normalize(html: string, replace: Record<string, string> = {}) {
  let out = html
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""')
    .replace(/\\"csrf\\",\\"[A-Za-z0-9_-]+\\"/g, '\\"csrf\\",\\"\\"')
    .replace(/\\"now\\",\d+/g, '\\"now\\",0');
  for (const [from, to] of Object.entries(replace)) out = out.split(from).join(to);
  return out;
}

const text = (html: string) =>
  html
    // <Time> shows a relative time with the absolute one on hover: keep both, as "shown [absolute]".
    .replace(/<time [^>]*title="([^"]*)"[^>]*>([^<]*)<\/time>/g, "$2 [$1]")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

function mainOf(html: string) {
  const start = html.indexOf("<main");
  const end = html.indexOf("</main>");
  if (start < 0 || end < start) throw new Error("no <main> element");
  return html.slice(start, end);
}

async function labSlug(labId: string) {
  return (await db().lab.findUniqueOrThrow({ where: { id: labId } })).slug;
}

async function mailsTo(email: string, kind?: string) {
  return db().mailMessage.findMany({ where: { to: email, ...(kind ? { kind } : {}) }, orderBy: { createdAt: "asc" } });
}

function linkToken(mailText: string, path: string) {
  const m = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(mailText);
  if (!m) throw new Error(`no ${path} link in: ${mailText}`);
  return m[1];
}

/**
 * Post/redirect/get: a successful form action answers 303 to the page that shows its one-time
 * flash message. Asserts the 303 and where it leads, then follows it as a browser does (the client
 * keeps the flash cookie) and returns that page's HTML.
 */
async function followed(client: Client, res: Response, location: string) {
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe(location);
  const page = await client.get(location);
  expect(page.status).toBe(200);
  return page.text();
}

/** The new API token, shown once on the page the create action leads to (`<code data-testid="new-token">`). */
const newToken = (html: string) => /<code data-testid="new-token">(sa_[a-f0-9]{8}_[A-Za-z0-9_-]{20,64})<\/code>/.exec(html)?.[1];

const api = (token: string, path = "/api/v1/gigs", init: RequestInit = {}) =>
  fetch(`${base}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(init.headers ?? {}) },
  });

// ------------------------------------------------------------------------------------- item 3

describe("a removed member's API tokens stop working (item 3)", () => {
  it("removal revokes every token they created, in the same transaction, audited; the page shows creator and last use", async () => {
    const lab = await labWithOpenGig(base);
    const slug = await labSlug(lab.labId);
    // A second owner (only owners create tokens), who signs in and creates a token in the UI.
    const { hashPassword } = await import("~/password.server");
    const secondEmail = uniqueEmail("second-owner");
    const secondUser = await db().user.create({
      data: {
        email: secondEmail,
        name: "Sam Second",
        passwordHash: await hashPassword(PASSWORD),
        role: "LAB_MEMBER",
        emailVerifiedAt: new Date(),
      },
    });
    await db().labMember.create({ data: { labId: lab.labId, userId: secondUser.id, role: "OWNER" } });
    const secondBrowser = await logIn(base, secondEmail);
    const created = await secondBrowser.post(`/labs/${slug}/tokens`, { intent: "create", name: "Sam's CI" });
    const createdPage = await followed(secondBrowser, created, `/labs/${slug}/tokens`);
    expect(text(createdPage)).toContain("Token created. Copy it now: it is shown only once.");
    const token = newToken(createdPage);
    expect(token).toBeTruthy();
    // Shown once: a reload no longer carries it.
    expect(await (await secondBrowser.get(`/labs/${slug}/tokens`)).text()).not.toContain(token!);
    // A token a plain member made before decision 0001 (created directly: the UI no longer allows it).
    await db().apiToken.create({
      data: {
        labId: lab.labId,
        name: "legacy",
        prefix: "0badc0de",
        tokenHash: hashToken("sa_0badc0de_legacy-secret-legacy-secret"),
        createdById: secondUser.id,
      },
    });
    // The owner's own token must keep working.
    const ownerToken = newToken(
      await followed(
        lab.owner.client,
        await lab.owner.client.post(`/labs/${slug}/tokens`, { intent: "create", name: "Owner's" }),
        `/labs/${slug}/tokens`,
      ),
    );
    expect(ownerToken).toBeTruthy();

    expect((await api(token!)).status).toBe(200);
    const before = await lab.owner.client.get(`/labs/${slug}/tokens`);
    const beforeText = text(await before.text());
    expect(beforeText).toContain("Created by");
    // Name, prefix, created, created by, last used.
    // Times as <Time> renders them for a UTC viewer: relative (the tokens were made and used
    // moments ago), with the absolute time on hover, e.g. "just now [3 Dec 2026, 08:15 UTC]".
    const at = String.raw`(?:just now|\d+ minutes? ago) \[\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC\]`;
    expect(beforeText).toMatch(new RegExp(`Sam's CI sa_ [a-f0-9]{8} _… ${at} Sam Second ${at}`));
    expect(beforeText).toMatch(new RegExp(`legacy sa_ 0badc0de _… ${at} Sam Second never`));

    const removed = await lab.owner.client.post(`/labs/${slug}/members`, { intent: "remove", userId: secondUser.id });
    expect(text(await followed(lab.owner.client, removed, `/labs/${slug}/members`))).toContain(
      "Member removed. 2 API tokens they created were revoked.",
    );

    const read = await api(token!);
    expect(read.status).toBe(401);
    const write = await api(token!, "/api/v1/gigs", { method: "POST", body: JSON.stringify({ ...FULL_GIG, title: "Should not exist" }) });
    expect(write.status).toBe(401);
    expect(await db().gig.count({ where: { labId: lab.labId, title: "Should not exist" } })).toBe(0);
    expect((await api(ownerToken!)).status).toBe(200);

    const tokens = await db().apiToken.findMany({ where: { createdById: secondUser.id } });
    expect(tokens.map((t) => Boolean(t.revokedAt))).toEqual([true, true]);
    const events = await db().event.findMany({ where: { action: "token.revoked", entityId: { in: tokens.map((t) => t.id) } } });
    expect(events).toHaveLength(2);
    expect(events.every((e) => (e.after as { reason?: string }).reason === "creator removed from the lab")).toBe(true);
    const removal = await db().event.findFirstOrThrow({ where: { action: "lab.member_removed", entityId: lab.labId } });
    expect(removal.after).toMatchObject({ userId: secondUser.id, tokensRevoked: 2 });
    // Same transaction: the revocation and the removal carry the same commit time.
    expect(tokens.every((t) => t.revokedAt!.getTime() === tokens[0].revokedAt!.getTime())).toBe(true);

    const after = text(await (await lab.owner.client.get(`/labs/${slug}/tokens`)).text());
    expect(after).toContain("Sam Second (no longer in the lab)");
    expect(after).toMatch(/Sam's CI .*revoked/);
  });
});

// ------------------------------------------------------------------------------------- item 6

describe("nothing a lab sees depends on a professional's private minimum rate (item 6)", () => {
  it("with only the rate changed, candidates, the applicants board, the API applicants and talent search are identical", async () => {
    const r = rand();
    const lab = await labWithOpenGig(base, { title: `Rate probe gig ${r}`, payAmount: 60 });
    const slug = await labSlug(lab.labId);
    const created = await lab.owner.client.post(`/labs/${slug}/tokens`, { intent: "create", name: "rate probe" });
    const token = newToken(await followed(lab.owner.client, created, `/labs/${slug}/tokens`))!;
    expect(token).toBeTruthy();

    const headline = `Rate probe writer ${r}`;
    const pro = await signUp(base, { name: `Petra Probe ${r}` });
    const profileForm = (minRate: string) => ({
      headline,
      bio: "Multi-cam comedy for a decade.",
      location: "Burbank",
      timezone: "America/Los_Angeles",
      langCode0: "en",
      langLevel0: "native",
      hoursPerWeek: "20",
      minRate,
      rateCurrency: "USD",
      aiUseConsent: "on",
      visibility: "LABS",
    });
    expect((await pro.client.post("/me/profile?index", profileForm("40"))).status).toBe(303);
    const credit = {
      intent: "save",
      showTitle: "Cheers",
      network: "NBC",
      format: "MULTI_CAM_SITCOM",
      genres: ["COMEDY"],
      role: "STAFF_WRITER",
      startYear: "2010",
      endYear: "2019",
      episodes: "120",
    };
    expect((await pro.client.post("/me/profile/credits", credit)).status).toBe(302);
    const profileId = (await db().profile.findFirstOrThrow({ where: { user: { email: pro.email } } })).id;
    const { flushSearch } = await import("~/runtime.server");

    async function labView(minRate: string) {
      expect((await pro.client.post("/me/profile?index", profileForm(minRate))).status).toBe(303);
      expect((await db().profile.findUniqueOrThrow({ where: { id: profileId } })).minRateCents).toBe(Number(minRate) * 100);
      // Apply afresh with this rate (the stored score is computed when applying).
      const old = await db().application.findMany({ where: { profileId, gigId: lab.gig.id }, select: { id: true } });
      await db().application.deleteMany({ where: { id: { in: old.map((a) => a.id) } } });
      const applied = await pro.client.post(`/gigs/${lab.gig.id}`, { intent: "apply", note: "Hello" });
      expect(applied.status).toBe(303);
      const appId = applied.headers.get("location")!.split("/").pop()!;
      expect(applied.headers.get("location")).toBe(`/me/applications/${appId}`);
      await flushSearch();

      const gigPage = await (await lab.owner.client.get(`/gigs/${lab.gig.id}`)).text();
      const candidates = gigPage.slice(
        gigPage.indexOf("Recommended candidates"),
        gigPage.indexOf("</table>", gigPage.indexOf("Recommended candidates")),
      );
      expect(candidates).toContain(`Petra Probe ${r}`);
      // What the page shows (the <main> element); the application id is new on each run.
      const board = normalize(mainOf(await (await lab.owner.client.get(`/coord/gigs/${lab.gig.id}`)).text()), { [appId]: "<APP>" });
      expect(board).toContain(`Petra Probe ${r}`);
      expect(board).toMatch(/Match \d+/);
      const applicants = (await (await api(token, `/api/v1/gigs/${lab.gig.id}/applicants`)).json()) as { data: Record<string, unknown>[] };
      const mine = applicants.data.map((a) => ({ ...a, id: "<APP>", appliedAt: "<T>" }));
      expect(JSON.stringify(mine)).toContain(profileId);
      const talent = normalize(
        mainOf(await (await lab.owner.client.get(`/talent?q=${encodeURIComponent(`Rate probe writer ${r}`)}`)).text()),
      );
      expect(talent).toContain(`Petra Probe ${r}`);
      const stored = await db().application.findUniqueOrThrow({ where: { id: appId }, select: { matchScore: true, matchReasons: true } });
      // The candidates list links to the application (new id on each run), like the board.
      return { candidates: normalize(candidates, { [appId]: "<APP>" }), board, applicants: mine, talent, stored };
    }

    const within = await labView("40"); // below the gig's $60/h
    const above = await labView("95"); // well above it
    expect(above.stored).toEqual(within.stored);
    expect(above.applicants).toEqual(within.applicants);
    expect(above.candidates).toBe(within.candidates);
    expect(above.board).toBe(within.board);
    expect(above.talent).toBe(within.talent);
  });
});

// ------------------------------------------------------------------------------------ item 12

describe("a confirmed email is required to open a gig, create a token or apply (item 12)", () => {
  it("an unconfirmed professional builds a profile but cannot apply until they confirm; the refusal says how", async () => {
    const lab = await labWithOpenGig(base);
    const pro = await signUp(base, { confirmed: false });
    expect((await db().user.findUniqueOrThrow({ where: { email: pro.email } })).emailVerifiedAt).toBeNull();
    const saved = await pro.client.post("/me/profile?index", {
      headline: "Unconfirmed but busy",
      timezone: "UTC",
      langCode0: "en",
      langLevel0: "native",
      hoursPerWeek: "10",
      aiUseConsent: "on",
      visibility: "LABS",
    });
    expect(saved.status).toBe(303);
    const gigPage = text(await (await pro.client.get(`/gigs/${lab.gig.id}`)).text());
    expect(gigPage).toContain("Confirm your email address before you apply to a gig");
    const refused = await pro.client.post(`/gigs/${lab.gig.id}`, { intent: "apply", note: "" });
    expect(refused.status).toBe(403);
    const html = await refused.text();
    expect(html).toContain('href="/account#confirm-email"');
    const body = text(html);
    expect(body).toContain(
      "Confirm your email address before you apply to a gig: open the link we emailed you when you signed up, or send yourself a new one from your account page.",
    );
    expect(await db().application.count({ where: { gigId: lab.gig.id } })).toBe(0);

    // Resend from the account page: a new link; the old one stops working; the new one confirms.
    const first = await confirmationLink(pro.email);
    const account = await pro.client.post("/account", { intent: "resend-confirmation" });
    expect(text(await followed(pro.client, account, "/account"))).toContain(`We sent a new confirmation link to ${pro.email}`);
    const second = await confirmationLink(pro.email);
    expect(second).not.toBe(first);
    expect((await new Client(base).get(first)).status).toBe(200); // "This link is not valid"
    expect((await db().user.findUniqueOrThrow({ where: { email: pro.email } })).emailVerifiedAt).toBeNull();
    expect((await pro.client.get(second)).status).toBe(200); // already signed in here: the page says "Email confirmed"
    expect((await db().user.findUniqueOrThrow({ where: { email: pro.email } })).emailVerifiedAt).not.toBeNull();
    const again = await logIn(base, pro.email);
    const applied = await again.post(`/gigs/${lab.gig.id}`, { intent: "apply", note: "" });
    const app = await db().application.findFirstOrThrow({ where: { gigId: lab.gig.id, profile: { user: { email: pro.email } } } });
    expect(text(await followed(again, applied, `/me/applications/${app.id}`))).toContain(`Application sent: "${lab.gig.title}".`);
  });

  it("an unconfirmed lab owner can draft a gig but cannot open it or create an API token", async () => {
    const owner = await signUp(base, { type: "LAB", confirmed: false });
    const user = await db().user.findUniqueOrThrow({ where: { email: owner.email }, include: { labMember: { include: { lab: true } } } });
    const labId = user.labMember!.labId;
    const draft = await createGig(labId, FULL_GIG, { id: user.id, role: "LAB_MEMBER" });
    if (!draft.ok) throw new Error("draft");
    const page = text(await (await owner.client.get(`/gigs/${draft.gig.id}`)).text());
    expect(page).toContain("Confirm your email address before you open a gig");
    const open = await owner.client.post(`/gigs/${draft.gig.id}`, { intent: "status", to: "OPEN" });
    expect(open.status).toBe(403);
    expect(text(await open.text())).toContain("Confirm your email address before you open a gig");
    expect((await db().gig.findUniqueOrThrow({ where: { id: draft.gig.id } })).status).toBe("DRAFT");

    const tokens = `/labs/${user.labMember!.lab.slug}/tokens`;
    expect(text(await (await owner.client.get(tokens)).text())).toContain("Confirm your email address before you create an API token");
    const create = await owner.client.post(tokens, { intent: "create", name: "CI" });
    expect(create.status).toBe(403);
    expect(await db().apiToken.count({ where: { labId } })).toBe(0);

    // After confirming, both work.
    await owner.client.get(await confirmationLink(owner.email));
    const confirmed = await logIn(base, owner.email);
    const opened = await confirmed.post(`/gigs/${draft.gig.id}`, { intent: "status", to: "OPEN" });
    expect(text(await followed(confirmed, opened, `/gigs/${draft.gig.id}`))).toContain("The gig is now open.");
    expect((await db().gig.findUniqueOrThrow({ where: { id: draft.gig.id } })).status).toBe("OPEN");
    expect(newToken(await followed(confirmed, await confirmed.post(tokens, { intent: "create", name: "CI" }), tokens))).toBeTruthy();
    expect(await db().apiToken.count({ where: { labId } })).toBe(1);
  });
});

// ------------------------------------------------------------------------------------- item 9

describe("reset links: issuing or using one ends the account's others (item 9)", () => {
  it("a newer link ends the older one; using a link ends every other outstanding one", async () => {
    const { email } = await signUp(base);
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    const anon = new Client(base);
    for (let i = 0; i < 2; i++) {
      const page = await followed(anon, await anon.post("/forgot-password", { email }), "/forgot-password");
      expect(text(page)).toContain("If an account exists for that address, we have sent it a link to reset the password.");
    }
    const [older, newer] = (await mailsTo(email, "reset-password")).map((m) => linkToken(m.text, "reset-password"));
    const pw = "a brand new password 42";
    const stale = await anon.post("/reset-password", { token: older, password: pw, confirm: pw });
    expect(stale.status).toBe(400);
    expect(text(await stale.text())).toContain("This reset link is invalid or has expired");

    // An outstanding link issued some other way (e.g. before this change) ends when one is used.
    const outstanding = "outstanding-reset-token-0123456789";
    await db().authToken.create({
      data: { userId: user.id, kind: "RESET_PASSWORD", tokenHash: hashToken(outstanding), expiresAt: new Date(Date.now() + 3600_000) },
    });
    const used = await anon.post("/reset-password", { token: newer, password: pw, confirm: pw });
    expect(used.status).toBe(303);
    const other = await anon.post("/reset-password", {
      token: outstanding,
      password: "yet another password 7",
      confirm: "yet another password 7",
    });
    expect(other.status).toBe(400);
    expect(await db().authToken.count({ where: { userId: user.id, kind: "RESET_PASSWORD", usedAt: null } })).toBe(0);
    expect((await new Client(base).post("/login", { email, password: pw })).status).toBe(302);
  });
});

// ------------------------------------------------------------------------------------ item 10

/** SQL statements (text only, values left out) sent by `fn` and nothing else running meanwhile. */
async function statementsOf(fn: () => Promise<unknown>): Promise<string[]> {
  const als = new AsyncLocalStorage<string[]>();
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const log = als.getStore();
    const q = args[0];
    if (log) log.push(typeof q === "string" ? q : String((q as { text?: string })?.text ?? ""));
    return original.apply(this, args);
  };
  const log: string[] = [];
  try {
    await als.run(log, fn);
  } finally {
    proto.query = original;
  }
  return log.map((s) => s.replace(/\s+/g, " ").trim());
}

describe("forgot-password does the same work for known and unknown addresses (item 10)", () => {
  it("the same SQL statements in the same order; only the known address gets a link", async () => {
    const { requestPasswordReset } = await import("~/services/auth.server");
    const { email } = await signUp(base);
    const unknown = uniqueEmail("ghost");
    // Warm up both paths once (first-use query compilation), then record.
    await requestPasswordReset(uniqueEmail("warm"), { ip: "10.9.0.1" });
    const known = await statementsOf(() => requestPasswordReset(email, { ip: "10.9.0.2" }));
    const ghost = await statementsOf(() => requestPasswordReset(unknown, { ip: "10.9.0.3" }));
    expect(known.length).toBeGreaterThan(4);
    expect(ghost).toEqual(known);
    expect(await mailsTo(email, "reset-password")).toHaveLength(1);
    expect(await mailsTo(unknown)).toHaveLength(0);
    expect(await db().authToken.count({ where: { user: { email }, kind: "RESET_PASSWORD" } })).toBe(1);
  });
});

// ------------------------------------------------------------------------------------ item 11

describe("sign-up and the lab-invite form answer the same for registered addresses (item 11)", () => {
  it("sign-up: same status, same page, nobody signed in; the address's owner is told by email", async () => {
    const existing = await signUp(base, { name: "Already Here" });
    const fresh = uniqueEmail("fresh");
    const form = (email: string) => ({
      name: "Someone",
      email,
      password: "another long password",
      accountType: "PROFESSIONAL",
      acceptTerms: "on",
    });
    const a = new Client(base);
    const b = new Client(base);
    const newAnswer = await a.post("/signup", form(fresh));
    const oldAnswer = await b.post("/signup", form(existing.email));
    expect(oldAnswer.status).toBe(newAnswer.status);
    expect(oldAnswer.headers.get("location")).toBe(newAnswer.headers.get("location"));
    expect(newAnswer.headers.get("location")).toBe("/check-email");
    expect(a.cookies.has("sa_session")).toBe(false);
    expect(b.cookies.has("sa_session")).toBe(false);
    expect(normalize(await (await b.get("/check-email")).text())).toBe(normalize(await (await a.get("/check-email")).text()));
    const told = await mailsTo(existing.email, "signup-existing");
    expect(told).toHaveLength(1);
    expect(told[0].subject).toBe("Someone tried to sign up with your address on Second Act");
    // The existing account is untouched: same name, the old password still works.
    expect((await db().user.findUniqueOrThrow({ where: { email: existing.email } })).name).toBe("Already Here");
    expect((await new Client(base).post("/login", { email: existing.email, password: PASSWORD })).status).toBe(302);
  });

  it("lab invite: the same answer for a registered and a new address; the registered owner's email says so", async () => {
    const lab = await labWithOpenGig(base);
    const slug = await labSlug(lab.labId);
    const registered = await signUp(base);
    const fresh = uniqueEmail("invitee");
    // Each answer is a 303 back to the members page, which shows the flash message once: follow
    // each before the next post (a browser would), or the second message would replace the first.
    const one = await lab.owner.client.post(`/labs/${slug}/members`, { intent: "invite", email: fresh });
    const h1 = await followed(lab.owner.client, one, `/labs/${slug}/members`);
    const two = await lab.owner.client.post(`/labs/${slug}/members`, { intent: "invite", email: registered.email });
    const h2 = await followed(lab.owner.client, two, `/labs/${slug}/members`);
    expect(two.status).toBe(one.status);
    expect(two.headers.get("location")).toBe(one.headers.get("location"));
    // The same answer, once the address is blanked; no field error either way.
    const answer = (html: string, email: string) =>
      /class="alert ok flash" role="status"><p>([^<]*(?:<!-- -->[^<]*)*)</
        .exec(html)?.[1]
        .replace(/<!-- -->/g, "")
        .split(email)
        .join("<EMAIL>");
    expect(answer(h1, fresh)).toBe("Invitation sent to <EMAIL>.");
    expect(answer(h2, registered.email)).toBe(answer(h1, fresh));
    for (const h of [h1, h2]) expect(h).not.toMatch(/field-error|alert error|aria-invalid="true"/);
    // Both show as pending invitations: the list does not tell them apart either.
    expect(text(h2)).toMatch(new RegExp(`Pending invitations: .*${fresh}.*${registered.email}`));
    expect((await mailsTo(fresh, "lab-invite")).length).toBe(1);
    const notice = await mailsTo(registered.email, "lab-invite-registered");
    expect(notice).toHaveLength(1);
    expect(notice[0].text).toContain("This address already has a Second Act account");
  });
});

// ------------------------------------------------------------------------------------- item 8

describe("accepting an invitation whose address registered meanwhile (item 8)", () => {
  it("no 500: the page offers 'sign in to accept'; a professional is told why they cannot join; a lab account without a lab joins", async () => {
    const lab = await labWithOpenGig(base);
    const slug = await labSlug(lab.labId);
    const email = uniqueEmail("latecomer");
    await lab.owner.client.post(`/labs/${slug}/members`, { intent: "invite", email });
    const token = linkToken((await mailsTo(email, "lab-invite"))[0].text, "join-lab");

    // The address registers as a professional before accepting.
    const pro = await signUp(base, { email });
    const anon = new Client(base);
    const posted = await anon.post("/join-lab", { token, name: "Late Comer", password: "long enough password" });
    expect(posted.status).toBe(409);
    expect(text(await posted.text())).toContain(`${email} already has a Second Act account. Sign in with it to accept this invitation.`);
    const page = text(await (await anon.get(`/join-lab?token=${token}`)).text());
    expect(page).toContain("Sign in to accept");

    // Signed in as that professional: a clear refusal; the invitation stays usable.
    const refused = await pro.client.post("/join-lab", { intent: "accept", token });
    expect(refused.status).toBe(400);
    expect(text(await refused.text())).toContain("your account is not a lab account, and a lab account belongs to one lab only");
    expect((await db().labInvite.findFirstOrThrow({ where: { email } })).acceptedAt).toBeNull();

    // A lab account without a lab (e.g. its lab was deleted) signs in and joins.
    const loneEmail = uniqueEmail("lone");
    await lab.owner.client.post(`/labs/${slug}/members`, { intent: "invite", email: loneEmail });
    const loneToken = linkToken((await mailsTo(loneEmail, "lab-invite"))[0].text, "join-lab");
    const { hashPassword } = await import("~/password.server");
    const lone = await db().user.create({
      data: { email: loneEmail, name: "Lone Member", passwordHash: await hashPassword(PASSWORD), role: "LAB_MEMBER" },
    });
    const browser = await logIn(base, loneEmail);
    const joined = await browser.post("/join-lab", { intent: "accept", token: loneToken });
    expect(joined.status).toBe(303);
    expect(joined.headers.get("location")).toBe("/lab");
    const member = await db().labMember.findUniqueOrThrow({ where: { userId: lone.id } });
    expect(member).toMatchObject({ labId: lab.labId, role: "MEMBER" });
    expect((await db().user.findUniqueOrThrow({ where: { id: lone.id } })).emailVerifiedAt).not.toBeNull();
  });
});

describe("each role's home (homePathFor in app/permissions.server.ts)", () => {
  async function landing(email: string) {
    const c = new Client(base);
    const res = await c.post("/login", { email, password: PASSWORD });
    expect(res.status).toBe(302);
    const afterLogin = res.headers.get("location");
    const home = await c.get("/");
    return { afterLogin, fromMarketingPage: home.headers.get("location") };
  }

  it("log-in and the marketing page send every role to the same home", async () => {
    const { email: pro } = await signUp(base);
    const { owner } = await labWithOpenGig(base);
    const coordinator = await staff("COORDINATOR");
    const admin = await staff("ADMIN");
    expect(await landing(pro)).toEqual({ afterLogin: "/me", fromMarketingPage: "/me" });
    const lab = await landing(owner.email);
    expect(lab.afterLogin).toBe("/lab");
    expect(lab.fromMarketingPage).toMatch(/^\/labs\/[a-z0-9-]+$/);
    expect(await landing(coordinator.email)).toEqual({ afterLogin: "/coord", fromMarketingPage: "/coord" });
    // An administrator used to land on /coord after log-in but on /admin from the marketing page.
    expect(await landing(admin.email)).toEqual({ afterLogin: "/admin", fromMarketingPage: "/admin" });
  });
});
