/**
 * The authorization matrix: every route file in app/routes, every probe (method + concrete path
 * with real ids + harmless body), every role, one expected outcome each. Also checks that no
 * response (HTML, JSON, CSV, and the Remix single-fetch `.data` turbo-stream) carries another
 * person's or lab's private data. The table and the outcome definitions live in
 * tests/integration/matrix-helpers.ts.
 *
 * A new route file without a matrix entry fails "every file in app/routes has a matrix entry".
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { inviteToGig, transitionApplication } from "~/services/applications.server";
import { useTestServer } from "../setup/server";
import { useShortKeepAlive } from "./fuzz-helpers";
import {
  A_PRIVATE,
  type Answer,
  type Probe,
  ROLES,
  ROLE_LABEL,
  ROUTES,
  type Role,
  type World,
  buildWorld,
  classify,
  hasAction,
  hasDefaultExport,
  leaksIn,
  pool,
  routeFiles,
  routePattern,
  routeSource,
  sendProbe,
  singleFetchUrl,
  skipProbe,
} from "./matrix-helpers";

useShortKeepAlive();
const base = await useTestServer();
let w: World;

beforeAll(async () => {
  w = await buildWorld(base);
}, 180_000);

describe("route coverage", () => {
  it("every file in app/routes has a matrix entry", () => {
    const missing = routeFiles().filter((f) => !(f in ROUTES));
    expect(
      missing,
      `Route files missing from the authorization matrix: ${missing.join(", ")}. Add an entry (probes + expected outcome per role) to ROUTES in tests/integration/matrix-helpers.ts.`,
    ).toEqual([]);
  });

  it("every matrix entry names an existing route file", () => {
    const files = new Set(routeFiles());
    const stale = Object.keys(ROUTES).filter((f) => !files.has(f));
    expect(stale, `Matrix entries for route files that no longer exist: ${stale.join(", ")}`).toEqual([]);
  });

  it("every probe targets a URL its route file answers", () => {
    const wrong: string[] = [];
    for (const [file, entry] of Object.entries(ROUTES)) {
      const re = routePattern(file);
      for (const probe of entry.probes) {
        const pathname = new URL(probe.path(w), base).pathname;
        if (!re.test(pathname)) wrong.push(`${file}: ${probe.method} ${pathname} does not match ${re}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("routes with an action are probed with a write; page/resource kinds match the source", () => {
    const problems: string[] = [];
    for (const file of routeFiles()) {
      const entry = ROUTES[file];
      if (!entry) continue;
      const src = routeSource(file);
      const writes = entry.probes.filter((p) => p.method !== "GET");
      if (hasAction(src) && writes.length === 0) problems.push(`${file} exports an action but the matrix has no POST/PATCH probe for it`);
      if (!hasAction(src) && writes.some((p) => Object.values(p.expect).some((o) => o !== "method" && o !== "deny"))) {
        problems.push(`${file} has no action but a write probe expects it to be allowed`);
      }
      const isPage = hasDefaultExport(src);
      if (isPage !== (entry.kind === "page"))
        problems.push(`${file}: matrix kind "${entry.kind}" but the file ${isPage ? "renders a page" : "has no default export"}`);
    }
    expect(problems).toEqual([]);
  });
});

function snippet(a: Answer) {
  return a.body.replace(/\s+/g, " ").slice(0, 160);
}

/** Runs every probe of one route file as every role (and `.data` for page GETs). */
async function runEntry(file: string): Promise<string[]> {
  const entry = ROUTES[file];
  const jobs: { probe: Probe; role: Role; singleFetch: boolean }[] = [];
  for (const probe of entry.probes) {
    for (const role of ROLES) {
      if (skipProbe(file, probe, role)) continue;
      jobs.push({ probe, role, singleFetch: false });
      const sf = probe.singleFetch ?? (entry.kind === "page" && probe.method === "GET");
      if (sf) jobs.push({ probe, role, singleFetch: true });
    }
  }
  const problems: string[] = [];
  await pool(jobs, 8, async ({ probe, role, singleFetch }) => {
    const target = probe.path(w);
    const shown = singleFetch ? singleFetchUrl(target) : target;
    const label = `${probe.method} ${shown} as ${ROLE_LABEL[role]}`;
    const answer = await sendProbe(w, role, probe, { singleFetch });
    const got = classify(answer.status, answer.location);
    const want = probe.expect[role];
    if (got !== want) {
      problems.push(
        `${label}: expected ${want}, got ${got} (HTTP ${answer.status}${answer.location ? ` -> ${answer.location}` : ""}) ${snippet(answer)}`,
      );
    } else if (got === "login") {
      // The login redirect brings the person back to the page they asked for.
      // (Remix hides the `?index` marker of index-route actions from the app, so ignore it.)
      const plain = (u: string) => decodeURIComponent(u).replace(/[?&]index(=[^&]*)?$/, "");
      const next = new URL(answer.location ?? "", base).searchParams.get("next") ?? "";
      if (plain(next) !== plain(target)) {
        problems.push(`${label}: login redirect has next=${next}, expected ${target}`);
      }
    }
    const leaked = leaksIn(w, role, target, answer.body);
    if (leaked.length) problems.push(`${label}: LEAK of ${leaked.join(", ")} (HTTP ${answer.status})`);
  });
  return problems.sort();
}

describe("authorization matrix", () => {
  for (const file of Object.keys(ROUTES).sort()) {
    it(`${file}: every role gets the expected outcome and no foreign private data`, async () => {
      expect(await runEntry(file)).toEqual([]);
    }, 60_000);
  }
});

describe("private data checks are meaningful (positive controls)", () => {
  const text = async (role: keyof World["clients"], path: string, headers: Record<string, string> = {}) => {
    const res = await w.clients[role].request(path, { headers });
    expect(res.status, `${role} ${path}`).toBe(200);
    return res.text();
  };

  it("the roles entitled to each private marker do receive it", async () => {
    const coordA = await text("coord", `/people/${w.profiles.A}`);
    expect(coordA).toContain("8,765.43");
    expect(coordA).toContain(w.users.proA.email);
    expect(coordA).toContain("2031-07-19");
    expect(coordA).not.toContain("Pacific Islander"); // demographics never reach profile pages
    expect(await text("proA", "/me/profile")).toContain("8765.43");
    expect(await text("proA", "/me/data/export.json")).toContain("Pacific Islander");
    expect(await text("coord", `/people/${w.profiles.B}`)).toContain(w.headlines.B);
    expect(await text("coord", "/talent?q=Hidden")).toContain(w.headlines.B);
    expect(await text("labX", `/labs/${w.labX.slug}`)).toContain(w.titles.xDraft);
    expect(await text("labX", `/labs/${w.labX.slug}/tokens`)).toContain(w.tokens.xPrefix);
    expect(await text("tokenX", "/api/v1/gigs", { authorization: `Bearer ${w.tokens.X}` })).toContain(w.titles.xDraft);
  });

  it("labs see the public part of A's profile and A on their board, without the private fields", async () => {
    const page = await text("labX", `/people/${w.profiles.A}`);
    expect(page).toContain(w.headlines.A);
    const board = await text("labX", `/coord/gigs/${w.gigs.xOpen}`);
    expect(board).toContain(w.headlines.A);
    const applicants = await text("tokenX", `/api/v1/gigs/${w.gigs.xOpen}/applicants`, { authorization: `Bearer ${w.tokens.X}` });
    expect(applicants).toContain("Alex Able");
    for (const body of [page, board, applicants]) expect(leaksIn(w, "labX", "/people/x", body)).toEqual([]);
  });

  it("the talent search rate filter is ignored for labs (no side channel on a private rate)", async () => {
    const q = `/talent?q=${encodeURIComponent("Alex")}`;
    const coordAll = await text("coord", q);
    const coordCheap = await text("coord", `${q}&maxRate=1`);
    expect(coordAll).toContain("Alex Able");
    expect(coordCheap).not.toContain("Alex Able"); // the filter works for staff
    expect(await text("labX", `${q}&maxRate=1`)).toContain("Alex Able");
    expect(await text("labX", `${q}&maxRate=100000`)).toContain("Alex Able");
  });

  it("nobody could revoke lab X's API token through lab Y's token page", async () => {
    const token = await db().apiToken.findUniqueOrThrow({ where: { id: w.tokens.xId } });
    expect(token.revokedAt).toBeNull();
    const res = await fetch(`${base}/api/v1/gigs`, { headers: { authorization: `Bearer ${w.tokens.X}` } });
    expect(res.status).toBe(200);
  });
});

/**
 * Decision (docs/decisions/0001-api-tokens-owners-only.md): only a lab's owners create its API
 * tokens. Plain members see the list (creator, last use) but neither create nor revoke; staff may
 * revoke (incident response) but never create. Stated here explicitly, beyond the matrix rows.
 */
describe("API tokens: only the lab's owners create them", () => {
  const create = (role: Role) => w.clients[role].post(`/labs/${w.labX.slug}/tokens`, { intent: "create", name: `by ${role}` });

  it("the owner creates a token; a plain member, a coordinator and an admin get 403 with the reason", async () => {
    const owner = await create("labX");
    // Post/redirect/get: the new token is shown once on the page the redirect leads to.
    expect(owner.status).toBe(303);
    expect(await (await w.clients.labX.get(owner.headers.get("location") ?? "")).text()).toMatch(/sa_[a-f0-9]{8}_/);
    for (const role of ["labXm", "coord", "admin"] as const) {
      const res = await create(role);
      expect(res.status, role).toBe(403);
      expect(await res.text(), role).toContain("Only the lab&#x27;s owners can create API tokens");
    }
    const made = await db().apiToken.findMany({ where: { labId: w.labX.id, name: { startsWith: "by " } }, select: { name: true } });
    expect(made.map((t) => t.name)).toEqual(["by labX"]);
  });

  it("a plain member sees the tokens, who created them and when they were last used, but no create or revoke form", async () => {
    const res = await w.clients.labXm.get(`/labs/${w.labX.slug}/tokens`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(w.tokens.xPrefix);
    expect(html).toContain("Created by");
    expect(html).toContain("Last used");
    expect(html).not.toContain('value="create"');
    expect(html).not.toContain('value="revoke"');
    const revoke = await w.clients.labXm.post(`/labs/${w.labX.slug}/tokens`, { intent: "revoke", tokenId: w.tokens.xId });
    expect(revoke.status).toBe(403);
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: w.tokens.xId } })).revokedAt).toBeNull();
  });
});

describe("candidate view: what each side sees of an applicant", () => {
  const page = async (role: keyof World["clients"], path: string) => {
    const res = await w.clients[role].request(path);
    expect(res.status, `${role} ${path}`).toBe(200);
    return res.text();
  };
  const view = () => `/coord/gigs/${w.gigs.xOpen}/candidates/${w.appA}`;

  it("lab X sees A's note, public profile, credits and shared match reasons, never A's private fields; staff see those too", async () => {
    const lab = await page("labX", view());
    expect(lab).toContain("Six seasons of multi-cam."); // the note written when applying
    expect(lab).toContain(w.headlines.A);
    expect(lab).toContain("Cheers"); // A's credit
    expect(lab).toContain("Why they match this gig");
    expect(leaksIn(w, "labX", view(), lab)).toEqual([]);
    for (const value of [...A_PRIVATE.rateMarkers, A_PRIVATE.availableFrom, A_PRIVATE.ethnicity, w.users.proA.email])
      expect(lab).not.toContain(value);
    const coord = await page("coord", view());
    expect(coord).toContain("Six seasons of multi-cam.");
    expect(coord).toContain("8,765.43"); // staff see the private section
    expect(coord).toContain(w.users.proA.email);
    expect(coord).not.toContain(A_PRIVATE.ethnicity); // demographics reach no one here
  });

  it("a coordinators-only person invited to lab X's gig: the lab sees the name only until they accept", async () => {
    const coordUser = { id: w.users.coord.id, role: "COORDINATOR" as const };
    const invited = await inviteToGig(w.profiles.B, w.gigs.xOpen, coordUser);
    if (!invited.ok) throw new Error(invited.message);
    const path = `/coord/gigs/${w.gigs.xOpen}/candidates/${invited.applicationId}`;
    try {
      const before = await page("labX", path);
      expect(before).toContain("Blair Hidden");
      expect(before).toContain("shares their profile with coordinators only");
      expect(before).not.toContain(w.headlines.B);
      expect(before).not.toContain("Frasier");
      const board = await page("labXm", `/coord/gigs/${w.gigs.xOpen}`);
      expect(board).toContain("Blair Hidden");
      expect(board).not.toContain(w.headlines.B);
      // Filtering the board by the hidden headline must not reveal it either.
      expect(await page("labX", `/coord/gigs/${w.gigs.xOpen}?q=${encodeURIComponent("Hidden showrunner")}`)).not.toContain("Blair Hidden");
      expect(await page("coord", path)).toContain(w.headlines.B);
      // B accepts: from now on lab X sees the public profile (never B's email).
      const accepted = await transitionApplication(invited.applicationId, "SHORTLISTED", {
        id: w.users.proB.id,
        role: "PROFESSIONAL",
        profileId: w.profiles.B,
      });
      expect(accepted.ok).toBe(true);
      const after = await page("labX", path);
      expect(after).toContain(w.headlines.B);
      expect(after).toContain("Frasier");
      expect(after).not.toContain(w.users.proB.email);
      // Lab Y never sees it.
      expect((await w.clients.labY.request(path)).status).toBe(404);
    } finally {
      // Leave the world as the matrix expects it (B is on no lab's board).
      await db().application.delete({ where: { id: invited.applicationId } });
    }
  });
});
