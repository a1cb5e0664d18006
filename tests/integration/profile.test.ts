/**
 * Professional profiles through HTTP against the real built app and PostgreSQL: the editor,
 * credits (add / edit / remove / reorder) with transfer recompute + outbox, visibility of
 * /people/:id for every kind of viewer, credit verification, title type-ahead.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { LEGAL_TEXTS } from "~/domain/legal";
import { seedTransferRules } from "~/services/transfer.server";
import { Client } from "../setup/http";
import { useTestServer } from "../setup/server";
import { GOOD_CREDIT, addCredit, coordinator, creditsOf, labMember, outboxCount, professional } from "./profile-helpers";

const base = await useTestServer();

beforeAll(async () => {
  const first = await seedTransferRules(db());
  expect(first.created).toBeGreaterThan(50);
  // Idempotent: a second seed creates nothing and writes no new versions.
  const versions = await db().transferRuleVersion.count();
  expect((await seedTransferRules(db())).created).toBe(0);
  expect(await db().transferRuleVersion.count()).toBe(versions);
});

const PROFILE_FIELDS = {
  headline: "Comedy writer, 12 years in multi-cam",
  bio: "I have written on three network sitcoms and punched up many more.",
  location: "Los Angeles",
  timezone: "America/Los_Angeles",
  langCode0: "en",
  langLevel0: "native",
  langCode1: "es",
  langLevel1: "conversational",
  hoursPerWeek: "20",
  minRate: "987.65",
  rateCurrency: "USD",
  availableFrom: "2027-03-01",
  links: "https://example.com/reel\nhttps://example.com/samples",
  aiUseConsent: "on",
  demographicsOptIn: "on",
  demo_gender: "Non-binary",
  demo_ethnicity: "Pacific Islander",
  demo_ageBand: "65 or older",
  demo_disability: "Yes, I identify as disabled",
  visibility: "LABS",
};

describe("profile editor", () => {
  it("only professionals can open it", async () => {
    const anon = new Client(base);
    const res = await anon.get("/me/profile");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
    const lab = await labMember(base);
    expect((await lab.client.get("/me/profile")).status).toBe(403);
    const pro = await professional(base);
    const page = await pro.client.get("/me/profile");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Profile 0% complete");
    expect(html).toContain("Add your first TV credit");
  });

  it("saves every field, records AI-use consent and demographics, and enqueues a search update", async () => {
    const pro = await professional(base);
    const res = await pro.client.post("/me/profile?index", PROFILE_FIELDS);
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get("location")).toBe("/me/profile");
    // The confirmation is a one-time flash: shown on the next page, not on the one after.
    expect(res.headers.get("set-cookie")).toMatch(/^sa_flash=/);
    const next = await pro.client.get("/me/profile");
    expect(await next.text()).toContain("Profile saved.");
    expect(next.headers.get("set-cookie")).toMatch(/sa_flash=; .*Max-Age=0/);
    expect(await (await pro.client.get("/me/profile")).text()).not.toContain("Profile saved.");
    const p = await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } });
    expect(p).toMatchObject({
      headline: PROFILE_FIELDS.headline,
      timezone: "America/Los_Angeles",
      languages: [
        { code: "en", level: "native" },
        { code: "es", level: "conversational" },
      ],
      languageCodes: ["en"],
      hoursPerWeek: 20,
      minRateCents: 98765,
      rateCurrency: "USD",
      links: ["https://example.com/reel", "https://example.com/samples"],
      aiUseConsentVersion: LEGAL_TEXTS.AI_USE_TERMS.version,
      demographicsOptIn: true,
      demographics: {
        gender: "Non-binary",
        ethnicity: "Pacific Islander",
        ageBand: "65 or older",
        disability: "Yes, I identify as disabled",
      },
      visibility: "LABS",
    });
    expect(p.availableFrom?.toISOString()).toBe("2027-03-01T00:00:00.000Z");
    expect(p.aiUseConsentAt).toBeInstanceOf(Date);
    const consents = await db().consentRecord.findMany({ where: { userId: pro.userId }, orderBy: { kind: "asc" } });
    expect(consents.map((c) => [c.kind, c.textVersion])).toEqual([
      ["AI_USE_TERMS", LEGAL_TEXTS.AI_USE_TERMS.version],
      ["DEMOGRAPHICS", "demographics-2026-11"],
      // Accepted at sign-up.
      ["PRIVACY_NOTICE", LEGAL_TEXTS.PRIVACY_NOTICE.version],
      ["TERMS_OF_USE", LEGAL_TEXTS.TERMS_OF_USE.version],
    ]);
    expect(await outboxCount(pro.profileId)).toBeGreaterThan(0);
    // The audit entry names fields, never the answers or the rate.
    const event = await db().event.findFirstOrThrow({ where: { action: "profile.updated", entityId: pro.profileId } });
    expect(JSON.stringify(event.after)).not.toContain("Pacific");
    expect(JSON.stringify(event.after)).not.toContain("98765");

    // Saving again does not record consent twice; opting out deletes demographics.
    const again = await pro.client.post("/me/profile?index", { ...PROFILE_FIELDS, demographicsOptIn: undefined });
    expect(again.status).toBe(303);
    const q = await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } });
    expect(q.demographicsOptIn).toBe(false);
    expect(q.demographics).toBeNull();
    expect(await db().consentRecord.count({ where: { userId: pro.userId, kind: "AI_USE_TERMS" } })).toBe(1);

    // Unticking consent withdraws it.
    await pro.client.post("/me/profile?index", { ...PROFILE_FIELDS, aiUseConsent: undefined });
    const r = await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } });
    expect(r.aiUseConsentAt).toBeNull();
  });

  it("rejects invalid input with field errors and changes nothing", async () => {
    const pro = await professional(base);
    const res = await pro.client.post("/me/profile?index", {
      ...PROFILE_FIELDS,
      timezone: "Mars/Olympus",
      links: "javascript:alert(1)",
      minRate: "lots",
      hoursPerWeek: "200",
      availableFrom: "2027-02-30",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Choose a time zone from the list");
    expect(html).toContain("Links must start with http:// or https://.");
    expect(html).toContain("Enter a rate like 45 or 62.50.");
    expect(html).toContain("Hours per week must be between 1 and 80.");
    expect(html).toContain("That date does not exist.");
    const p = await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } });
    expect(p.timezone).toBe("UTC");
    expect(p.links).toEqual([]);
  });

  it("refuses a form without the CSRF token", async () => {
    const pro = await professional(base);
    const res = await pro.client.post("/me/profile?index", PROFILE_FIELDS, { csrf: null });
    expect(res.status).toBe(403);
    expect((await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } })).headline).toBe("");
  });
});

describe("credits", () => {
  it("adding a credit stores it with its department and updates the transfer scores in the same write", async () => {
    const pro = await professional(base);
    const outboxBefore = await outboxCount(pro.profileId);
    const res = await addCredit(pro.client);
    expect(res.status, await res.clone().text()).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/me\/profile\/credits#credit-/);
    expect(res.headers.get("set-cookie")).toContain("sa_flash=");
    const [credit] = await creditsOf(pro.profileId);
    expect(credit).toMatchObject({
      showTitle: "Harbor Lights",
      showTitleNorm: "harbor lights",
      format: "MULTI_CAM_SITCOM",
      genres: ["COMEDY"],
      role: "STAFF_WRITER",
      department: "WRITING",
      startYear: 1985,
      endYear: 1990,
      episodes: 120,
      position: 0,
      importKey: null,
    });
    const p = await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } });
    const scores = p.transferScores as Record<string, number>;
    expect(scores.COMEDIC_TIMING_EVAL).toBeGreaterThan(0);
    expect(scores.DIALOGUE_DEMONSTRATION).toBeGreaterThan(0);
    expect(p.transferComputedAt).toBeInstanceOf(Date);
    expect(await outboxCount(pro.profileId)).toBeGreaterThan(outboxBefore);
    expect(await db().event.count({ where: { action: "credit.created", entityId: credit.id } })).toBe(1);

    const page = await (await pro.client.get("/me/profile/transfer")).text();
    expect(page).toContain("Comedic-timing evaluation");
    expect(page).toContain("because");
    expect(page).toContain("Multi-cam writers rewrite jokes");
  });

  it("shows the engine's guidance when there are no credits", async () => {
    const pro = await professional(base);
    const html = await (await pro.client.get("/me/profile/transfer")).text();
    expect(html).toContain("Add your TV credits");
  });

  it("rejects invalid credits with clear field errors and creates nothing", async () => {
    const pro = await professional(base);
    const next = new Date().getUTCFullYear() + 1;
    const cases: [Record<string, string | string[]>, string][] = [
      [{ startYear: "2010", endYear: "2005" }, "The end year cannot be before the start year."],
      [{ startYear: "1949", endYear: "" }, "The start year must be 1950 or later."],
      [{ startYear: "2010", endYear: String(next) }, "The end year cannot be in the future"],
      [{ episodes: "0" }, "Enter at least 1 episode."],
      [{ episodes: "2001" }, "Enter at most 2000 episodes."],
      [{ role: "GAFFER" }, "Choose your role on the show."],
      [{ showTitle: "" }, "Enter the show&#x27;s title."],
    ];
    for (const [patch, message] of cases) {
      const res = await addCredit(pro.client, patch);
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(await res.text()).toContain(message);
    }
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(0);
  });

  it("edits, reorders and removes credits, recomputing scores each time", async () => {
    const pro = await professional(base);
    await addCredit(pro.client, { showTitle: "Show A" });
    await addCredit(pro.client, { showTitle: "Show B", role: "EDITOR", format: "DRAMA", genres: [] });
    await addCredit(pro.client, { showTitle: "Show C", role: "DIRECTOR", format: "DRAMA", genres: ["CRIME"] });
    let credits = await creditsOf(pro.profileId);
    expect(credits.map((c) => [c.showTitle, c.position])).toEqual([
      ["Show A", 0],
      ["Show B", 1],
      ["Show C", 2],
    ]);

    // Edit: fewer episodes → lower comedy score.
    const before = (await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } })).transferScores as Record<string, number>;
    const a = credits[0];
    const edit = await pro.client.post("/me/profile/credits", {
      intent: "save",
      creditId: a.id,
      ...GOOD_CREDIT,
      showTitle: "Show A",
      episodes: "4",
    });
    expect(edit.status).toBe(302);
    const after = (await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } })).transferScores as Record<string, number>;
    expect(after.COMEDIC_TIMING_EVAL).toBeLessThan(before.COMEDIC_TIMING_EVAL);
    expect((await db().credit.findUniqueOrThrow({ where: { id: a.id } })).episodes).toBe(4);
    const editPage = await (await pro.client.get(`/me/profile/credits?edit=${a.id}`)).text();
    expect(editPage).toContain("Edit credit");
    expect(editPage).toContain('value="Show A"');

    // Reorder: C up, then A down; moving the first one up is a no-op.
    const c = credits[2];
    expect((await pro.client.post("/me/profile/credits", { intent: "up", creditId: c.id })).status).toBe(302);
    credits = await creditsOf(pro.profileId);
    expect(credits.map((x) => x.showTitle)).toEqual(["Show A", "Show C", "Show B"]);
    expect((await pro.client.post("/me/profile/credits", { intent: "up", creditId: a.id })).status).toBe(302);
    expect((await pro.client.post("/me/profile/credits", { intent: "down", creditId: a.id })).status).toBe(302);
    credits = await creditsOf(pro.profileId);
    expect(credits.map((x) => [x.showTitle, x.position])).toEqual([
      ["Show C", 0],
      ["Show A", 1],
      ["Show B", 2],
    ]);
    const listPage = await (await pro.client.get("/me/profile/credits")).text();
    expect(listPage.indexOf("Show C")).toBeLessThan(listPage.indexOf("Show A"));
    expect(listPage).toContain('aria-label="Move Show A up"');

    // Remove everything → no scores left, positions stay dense.
    expect((await pro.client.post("/me/profile/credits", { intent: "delete", creditId: c.id })).status).toBe(302);
    credits = await creditsOf(pro.profileId);
    expect(credits.map((x) => [x.showTitle, x.position])).toEqual([
      ["Show A", 0],
      ["Show B", 1],
    ]);
    for (const x of credits) await pro.client.post("/me/profile/credits", { intent: "delete", creditId: x.id });
    const p = await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } });
    expect(p.transferScores).toEqual({});
    expect(await db().event.count({ where: { action: "credit.deleted", before: { path: ["showTitle"], equals: "Show C" } } })).toBe(1);
  });

  it("concurrent credit writes to one profile leave consistent positions and scores", async () => {
    const pro = await professional(base);
    const token = await pro.client.csrf("/me/profile/credits");
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        pro.client.post(
          "/me/profile/credits",
          {
            intent: "save",
            ...GOOD_CREDIT,
            showTitle: `Parallel ${i}`,
            role: i % 2 ? "EDITOR" : "STAFF_WRITER",
            format: i % 2 ? "DOCUMENTARY" : "MULTI_CAM_SITCOM",
          },
          { csrf: token },
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(302));
    const credits = await creditsOf(pro.profileId);
    expect(credits.map((c) => c.position).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const stored = (await db().profile.findUniqueOrThrow({ where: { id: pro.profileId } })).transferScores;
    const { getTransferProfile } = await import("~/services/transfer.server");
    const fresh = await getTransferProfile(pro.profileId);
    expect(stored).toEqual(Object.fromEntries(fresh!.result.scores.map((s) => [s.taskType, s.score])));
  });

  it("another professional cannot edit, move or delete my credits", async () => {
    const a = await professional(base);
    const b = await professional(base);
    await addCredit(a.client);
    const [credit] = await creditsOf(a.profileId);
    for (const intent of ["save", "delete", "up", "down"]) {
      const res = await b.client.post("/me/profile/credits", { intent, creditId: credit.id, ...GOOD_CREDIT, episodes: "1" });
      expect(res.status, intent).toBe(404);
    }
    expect((await b.client.get(`/me/profile/credits?edit=${credit.id}`)).status).toBe(404);
    expect(await db().credit.findUniqueOrThrow({ where: { id: credit.id } })).toMatchObject({ episodes: 120 });
  });
});

describe("public profile /people/:id", () => {
  async function setUp(visibility: "LABS" | "COORDINATORS") {
    const owner = await professional(base, `Olive Owner ${visibility}`);
    const res = await owner.client.post("/me/profile?index", { ...PROFILE_FIELDS, visibility });
    expect(res.status).toBe(303);
    await addCredit(owner.client);
    return owner;
  }

  const PRIVATE_MARKERS = ["987.65", "98765", "Pacific Islander", "65 or older", "Non-binary", "Yes, I identify as disabled", "2027-03-01"];

  it("a lab member sees a LABS profile without private fields or demographics, even in the data request", async () => {
    const owner = await setUp("LABS");
    const lab = await labMember(base);
    for (const path of [`/people/${owner.profileId}`, `/people/${owner.profileId}.data`]) {
      const res = await lab.client.get(path);
      expect(res.status, path).toBe(200);
      const body = await res.text();
      expect(body).toContain("Olive Owner LABS");
      expect(body).toContain("Harbor Lights");
      expect(body).toContain("https://example.com/reel");
      for (const marker of [...PRIVATE_MARKERS, owner.email]) expect(body, `${path} leaks ${marker}`).not.toContain(marker);
    }
  });

  it("a lab member gets 404 for a COORDINATORS profile; so do other professionals and anonymous visitors", async () => {
    const owner = await setUp("COORDINATORS");
    const lab = await labMember(base);
    expect((await lab.client.get(`/people/${owner.profileId}`)).status).toBe(404);
    const other = await professional(base);
    const res = await other.client.get(`/people/${owner.profileId}`);
    expect(res.status).toBe(404);
    const body = await res.text();
    for (const marker of PRIVATE_MARKERS) expect(body).not.toContain(marker);
    expect((await new Client(base).get(`/people/${owner.profileId}`)).status).toBe(404);
    const labsOwner = await setUp("LABS");
    expect((await other.client.get(`/people/${labsOwner.profileId}`)).status).toBe(404);
  });

  it("the owner and staff see private fields, but never demographics", async () => {
    const owner = await setUp("COORDINATORS");
    const coord = await coordinator(base);
    for (const client of [owner.client, coord.client]) {
      const res = await client.get(`/people/${owner.profileId}`);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain("$987.65");
      expect(body).toContain(owner.email);
      expect(body).toContain("2027-03-01");
      for (const marker of ["Pacific Islander", "65 or older", "Non-binary", "Yes, I identify as disabled"])
        expect(body).not.toContain(marker);
    }
  });

  it("staff mark a credit verified with a note; it is audited and raises the scores", async () => {
    const owner = await setUp("LABS");
    const [credit] = await creditsOf(owner.profileId);
    const before = (await db().profile.findUniqueOrThrow({ where: { id: owner.profileId } })).transferScores as Record<string, number>;
    const lab = await labMember(base);
    expect((await lab.client.post(`/people/${owner.profileId}`, { intent: "verify", creditId: credit.id })).status).toBe(403);
    expect((await owner.client.post(`/people/${owner.profileId}`, { intent: "verify", creditId: credit.id })).status).toBe(403);
    expect((await db().credit.findUniqueOrThrow({ where: { id: credit.id } })).verifiedAt).toBeNull();

    const coord = await coordinator(base);
    const res = await coord.client.post(`/people/${owner.profileId}`, { intent: "verify", creditId: credit.id, note: "Checked IMDbPro" });
    // Post/redirect/get back to the credit's row, with a one-time message (no ?verified=1 flag).
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/people/${owner.profileId}#credit-${credit.id}`);
    const verified = await db().credit.findUniqueOrThrow({ where: { id: credit.id } });
    expect(verified.verifiedAt).toBeInstanceOf(Date);
    expect(verified.verifiedById).toBe(coord.user.id);
    expect(verified.verificationNote).toBe("Checked IMDbPro");
    const after = (await db().profile.findUniqueOrThrow({ where: { id: owner.profileId } })).transferScores as Record<string, number>;
    expect(after.DIALOGUE_DEMONSTRATION).toBeGreaterThan(before.DIALOGUE_DEMONSTRATION);
    expect(await db().event.count({ where: { action: "credit.verified", entityId: credit.id, actorId: coord.user.id } })).toBe(1);

    // The badge shows to lab members; the note only to staff.
    const labPage = await (await lab.client.get(`/people/${owner.profileId}`)).text();
    expect(labPage).toContain("Verified");
    expect(labPage).not.toContain("Checked IMDbPro");
    expect(await (await coord.client.get(`/people/${owner.profileId}`)).text()).toContain("Checked IMDbPro");

    // A credit on another profile cannot be verified through this page.
    const other = await setUp("LABS");
    const [otherCredit] = await creditsOf(other.profileId);
    expect((await coord.client.post(`/people/${owner.profileId}`, { intent: "verify", creditId: otherCredit.id })).status).toBe(404);

    // Editing the verified facts clears the verification.
    await owner.client.post("/me/profile/credits", { intent: "save", creditId: credit.id, ...GOOD_CREDIT, episodes: "100" });
    expect((await db().credit.findUniqueOrThrow({ where: { id: credit.id } })).verifiedAt).toBeNull();
  });
});

describe("helpers", () => {
  it("suggests show titles to logged-in users only", async () => {
    const pro = await professional(base);
    await addCredit(pro.client, { showTitle: "Parks and Recreation" });
    const res = await pro.client.get("/api/titles?q=parks");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ titles: ["Parks and Recreation"] });
    expect(await (await pro.client.get("/api/titles?q=recreat")).json()).toEqual({ titles: ["Parks and Recreation"] });
    expect(await (await pro.client.get("/api/titles?q=p")).json()).toEqual({ titles: [] });
    expect((await new Client(base).get("/api/titles?q=parks")).status).toBe(401);
  });

  it("renders the import page for professionals", async () => {
    const pro = await professional(base);
    const res = await pro.client.get("/me/profile/import");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("/credits/template.csv");
    expect(html).toContain("show_title");
    expect(html).toMatch(/enctype="multipart\/form-data"/i);
  });

  it("serves the CSV template", async () => {
    const res = await new Client(base).get("/credits/template.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment/);
    expect((await res.text()).split("\r\n")[0]).toBe("show_title,network,format,genres,role,start_year,end_year,episodes");
  });
});
