/**
 * Security behaviour over real HTTP: session rotation and ending sessions, cookie flags, CSRF,
 * rate limits on log-in and password reset, no account enumeration, API token revocation and
 * security headers.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { hashToken } from "~/session.server";
import { Client, PASSWORD, logIn, signUp, uniqueEmail } from "../setup/http";
import { useTestServer } from "../setup/server";
import { labWithOpenGig, staff } from "./fixtures";

const base = await useTestServer();

const SESSION = "sa_session";

function setCookie(res: Response, name: string): string | undefined {
  return res.headers.getSetCookie().find((l) => l.startsWith(`${name}=`));
}

function cookieValue(line: string | undefined): string | undefined {
  return line ? line.slice(line.indexOf("=") + 1).split(";")[0] : undefined;
}

function attrs(line: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of line.split(";").slice(1)) {
    const [k, ...v] = part.trim().split("=");
    out.set(k.toLowerCase(), v.join("="));
  }
  return out;
}

/** A browser holding only this session token. */
function browserWith(token: string) {
  const c = new Client(base);
  c.cookies.set(SESSION, token);
  return c;
}

async function isLoggedIn(c: Client) {
  const res = await c.get("/account");
  if (res.status === 200) return true;
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toMatch(/^\/login\?next=/);
  return false;
}

/**
 * HTML with the per-request and per-browser values blanked, for byte-for-byte comparisons. That
 * includes the server's clock: the root loader sends "now" (milliseconds) in the page's loader data
 * so <Time> hydrates the same relative times; it differs between any two requests, whoever asks.
 */
function normalize(html: string, ...secrets: string[]) {
  let out = html
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""')
    .replace(/\\"now\\",\d+/g, '\\"now\\",0');
  for (const s of secrets) out = out.split(s).join("<EMAIL>");
  return out;
}

describe("sessions", () => {
  it("log-in issues a brand-new token: not one the browser had before (no fixation), and not the previous session's", async () => {
    const { email } = await signUp(base);
    const browser = new Client(base);
    browser.cookies.set(SESSION, "attacker-chosen-session-value-0123456789");
    await browser.get("/login");
    const before = new Set(browser.cookies.values());

    const first = await browser.post("/login", { email, password: PASSWORD });
    expect(first.status).toBe(302);
    const token1 = cookieValue(setCookie(first, SESSION));
    expect(token1).toBeTruthy();
    expect(before.has(token1!)).toBe(false);
    // The database holds only the token's hash.
    expect(await db().session.count({ where: { tokenHash: token1 } })).toBe(0);
    expect(await db().session.count({ where: { tokenHash: hashToken(token1!) } })).toBe(1);

    // Logging in again in the same browser rotates the token and ends the old session.
    const second = await browser.post("/login", { email, password: PASSWORD });
    expect(second.status).toBe(302);
    const token2 = cookieValue(setCookie(second, SESSION));
    expect(token2).toBeTruthy();
    expect(token2).not.toBe(token1);
    expect(await isLoggedIn(browserWith(token2!))).toBe(true);
    expect(await isLoggedIn(browserWith(token1!))).toBe(false);
  });

  it("session and CSRF cookies are HttpOnly, SameSite=Lax, Path=/; log-out expires the session cookie", async () => {
    const { email } = await signUp(base);
    const browser = new Client(base);
    const first = await browser.get("/login");
    const csrf = setCookie(first, "__csrf");
    expect(csrf).toBeTruthy();
    const c = attrs(csrf!);
    expect(c.has("httponly")).toBe(true);
    expect(c.get("samesite")?.toLowerCase()).toBe("lax");
    expect(c.get("path")).toBe("/");

    const res = await browser.post("/login", { email, password: PASSWORD });
    const session = setCookie(res, SESSION);
    expect(session).toBeTruthy();
    const s = attrs(session!);
    expect(s.has("httponly")).toBe(true);
    expect(s.get("samesite")?.toLowerCase()).toBe("lax");
    expect(s.get("path")).toBe("/");
    expect(Number(s.get("max-age"))).toBeGreaterThan(0);

    const out = await browser.post("/logout", {});
    const cleared = setCookie(out, SESSION);
    expect(cleared).toBeTruthy();
    expect(cookieValue(cleared)).toBe("");
    expect(attrs(cleared!).get("max-age")).toBe("0");
  });

  it("an old session token no longer works after log-out", async () => {
    const { client } = await signUp(base);
    const token = client.cookies.get(SESSION)!;
    expect(await isLoggedIn(browserWith(token))).toBe(true);
    expect((await client.post("/logout", {})).status).toBe(302);
    expect(await isLoggedIn(browserWith(token))).toBe(false);
    expect(await db().session.count({ where: { tokenHash: hashToken(token) } })).toBe(0);
  });

  it("'log out everywhere' ends every session of that person, and only theirs", async () => {
    const { email } = await signUp(base);
    const laptop = await logIn(base, email);
    const phone = await logIn(base, email);
    const someoneElse = await signUp(base);
    expect(await isLoggedIn(phone)).toBe(true);
    const res = await laptop.post("/logout", { everywhere: "1" });
    expect(res.status).toBe(302);
    expect(await isLoggedIn(laptop)).toBe(false);
    expect(await isLoggedIn(phone)).toBe(false);
    expect(await isLoggedIn(someoneElse.client)).toBe(true);
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("a password reset ends every session; the link works once; the old password stops working", async () => {
    const { email } = await signUp(base);
    const laptop = await logIn(base, email);
    const phone = await logIn(base, email);
    const anon = new Client(base);
    expect((await anon.post("/forgot-password", { email })).status).toBe(303);
    const mail = await db().mailMessage.findFirstOrThrow({ where: { to: email, kind: "reset-password" }, orderBy: { createdAt: "desc" } });
    const token = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();
    const fresh = "a brand new password 42";
    const reset = await anon.post("/reset-password", { token: token!, password: fresh, confirm: fresh });
    // Post/redirect/get with a one-time message, not a ?reset=1 flag in the URL.
    expect(reset.status).toBe(303);
    expect(reset.headers.get("location")).toBe("/login");
    expect(reset.headers.get("set-cookie")).toMatch(/^sa_flash=/);
    expect(await isLoggedIn(laptop)).toBe(false);
    expect(await isLoggedIn(phone)).toBe(false);
    const again = await anon.post("/reset-password", { token: token!, password: "another password 43", confirm: "another password 43" });
    expect(again.status).toBe(400);
    expect((await new Client(base).post("/login", { email, password: PASSWORD })).status).toBe(400);
    expect((await new Client(base).post("/login", { email, password: fresh })).status).toBe(302);
  });

  it("changing the password ends the person's other sessions but keeps this one", async () => {
    const { email, client: signUpBrowser } = await signUp(base);
    const laptop = await logIn(base, email);
    const phone = await logIn(base, email);
    const fresh = "a changed password 77";
    const res = await laptop.post("/account", { intent: "password", current: PASSWORD, password: fresh, confirm: fresh });
    expect(res.status).toBe(303);
    const after = await laptop.get(res.headers.get("location") ?? "");
    expect((await after.text()).replace(/<!-- -->/g, "")).toContain("Signed out");
    expect(await isLoggedIn(laptop)).toBe(true);
    expect(await isLoggedIn(phone)).toBe(false);
    expect(await isLoggedIn(signUpBrowser)).toBe(false);
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(await db().session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("disabling an account ends its sessions at once", async () => {
    const admin = await staff("ADMIN");
    const victim = await staff("COORDINATOR");
    const adminBrowser = await logIn(base, admin.email);
    const victimBrowser = await logIn(base, victim.email);
    expect(await isLoggedIn(victimBrowser)).toBe(true);
    const res = await adminBrowser.post("/admin", { intent: "toggle", userId: victim.user.id });
    expect(res.status).toBe(303);
    expect(await isLoggedIn(victimBrowser)).toBe(false);
    expect((await new Client(base).post("/login", { email: victim.email, password: PASSWORD })).status).toBe(400);
  });
});

describe("CSRF", () => {
  let pro: Awaited<ReturnType<typeof signUp>>;
  let userId: string;
  const notifications = async () => (await db().user.findUniqueOrThrow({ where: { id: userId } })).emailNotifications;

  beforeAll(async () => {
    pro = await signUp(base);
    userId = (await db().user.findUniqueOrThrow({ where: { email: pro.email } })).id;
  });

  // Saving preferences without the checkbox turns email notifications off: an observable change.
  const turnOff = { intent: "preferences" };

  it("a POST without a token is refused with 403 and changes nothing", async () => {
    expect(await notifications()).toBe(true);
    const res = await pro.client.post("/account", turnOff, { csrf: null });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("session token is missing or expired");
    expect(await notifications()).toBe(true);
    // Same for log-out (a forced log-out is a CSRF attack too) and log-in (login CSRF).
    expect((await pro.client.post("/logout", {}, { csrf: null })).status).toBe(403);
    expect(await isLoggedIn(pro.client)).toBe(true);
    const anon = new Client(base);
    expect((await anon.post("/login", { email: pro.email, password: PASSWORD }, { csrf: null })).status).toBe(403);
    expect(anon.cookies.has(SESSION)).toBe(false);
    // The single-fetch endpoint a JavaScript form posts to is protected the same way.
    const data = await pro.client.request("/account.data", {
      method: "POST",
      body: new URLSearchParams(turnOff),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    });
    expect(data.status).toBe(403);
    expect(await notifications()).toBe(true);
  });

  it("a token from another browser is refused", async () => {
    const other = new Client(base);
    const foreignToken = await other.csrf();
    expect(foreignToken).not.toBe(await pro.client.csrf());
    const res = await pro.client.post("/account", turnOff, { csrf: foreignToken });
    expect(res.status).toBe(403);
    expect(await notifications()).toBe(true);
    // A token for an empty or tampered secret is refused too.
    const token = await pro.client.csrf();
    const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    expect((await pro.client.post("/account", turnOff, { csrf: tampered })).status).toBe(403);
    expect((await pro.client.post("/account", turnOff, { csrf: "" })).status).toBe(403);
    expect(await notifications()).toBe(true);
  });

  it("a foreign (or opaque) Origin is refused even with a valid token", async () => {
    const token = await pro.client.csrf();
    const statuses: Record<string, number> = {};
    for (const origin of ["https://evil.example", "null", "http://localhost.evil.example"]) {
      for (const target of ["/account", "/account.data", "/logout"]) {
        const res = await pro.client.request(target, {
          method: "POST",
          body: new URLSearchParams({ _csrf: token, ...turnOff }),
          headers: { "content-type": "application/x-www-form-urlencoded", origin },
        });
        statuses[`${target} Origin: ${origin}`] = res.status;
      }
    }
    // Nothing changed and the session survived the cross-site log-out attempts...
    expect(await notifications()).toBe(true);
    expect(await isLoggedIn(pro.client)).toBe(true);
    // ...and every attempt got a clean 403 (not a 500 from the framework's own origin check).
    expect(statuses).toEqual(Object.fromEntries(Object.keys(statuses).map((k) => [k, 403])));
  });

  it("multipart forms need the token as well", async () => {
    const form = new FormData();
    form.append("intent", "preferences");
    const res = await pro.client.request("/account", { method: "POST", body: form, headers: { origin: base } });
    expect(res.status).toBe(403);
    expect(await notifications()).toBe(true);
  });

  it("control: with the browser's own token the same request works", async () => {
    const res = await pro.client.post("/account", turnOff);
    expect(res.status).toBe(303);
    expect(await notifications()).toBe(false);
  });
});

describe("rate limits", () => {
  it("the 9th wrong password for one account in 15 minutes gets 429 with a clear message, from any IP, even with the right password", async () => {
    const { email } = await signUp(base);
    for (let i = 1; i <= 8; i++) {
      const res = await new Client(base).post("/login", { email, password: `wrong password ${i}` });
      expect(res.status, `attempt ${i}`).toBe(400);
      expect(await res.text()).toContain("That email and password do not match an account.");
    }
    const ninth = await new Client(base).post("/login", { email, password: "wrong password 9" });
    expect(ninth.status).toBe(429);
    expect(await ninth.text()).toMatch(/Too many attempts\. Please wait \d+ minutes? and try again\./);
    const right = await new Client(base).post("/login", { email, password: PASSWORD });
    expect(right.status).toBe(429);
    expect(right.headers.getSetCookie().some((l) => l.startsWith(`${SESSION}=`))).toBe(false);
    // Another account is not affected.
    const other = await signUp(base);
    expect((await new Client(base).post("/login", { email: other.email, password: PASSWORD })).status).toBe(302);
  });

  it("one IP gets 429 after 30 log-in attempts in 15 minutes, whatever the accounts", async () => {
    const browser = new Client(base);
    const token = await browser.csrf();
    for (let i = 1; i <= 30; i++) {
      const res = await browser.post("/login", { email: uniqueEmail("nobody"), password: "whatever-123" }, { csrf: token });
      expect(res.status, `attempt ${i}`).toBe(400);
    }
    const res = await browser.post("/login", { email: uniqueEmail("nobody"), password: "whatever-123" }, { csrf: token });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain("Too many attempts");
  });

  it("the 4th reset request for one account in 15 minutes gets 429 with a clear message; only 3 emails go out", async () => {
    const { email } = await signUp(base);
    for (let i = 1; i <= 3; i++) expect((await new Client(base).post("/forgot-password", { email })).status, `request ${i}`).toBe(303);
    const fourth = await new Client(base).post("/forgot-password", { email });
    expect(fourth.status).toBe(429);
    expect(await fourth.text()).toMatch(/Too many attempts\. Please wait \d+ minutes? and try again\./);
    expect(await db().mailMessage.count({ where: { to: email, kind: "reset-password" } })).toBe(3);
  });

  it("one IP gets 429 after 10 reset requests in 15 minutes", async () => {
    const browser = new Client(base);
    const token = await browser.csrf();
    for (let i = 1; i <= 10; i++) {
      expect((await browser.post("/forgot-password", { email: uniqueEmail("nobody") }, { csrf: token })).status, `request ${i}`).toBe(303);
    }
    const res = await browser.post("/forgot-password", { email: uniqueEmail("nobody") }, { csrf: token });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain("Too many attempts");
  });
});

describe("no account enumeration", () => {
  it("forgot-password answers a known and an unknown email identically", async () => {
    const { email } = await signUp(base);
    const unknown = uniqueEmail("ghost");
    const browser = new Client(base);
    const token = await browser.csrf();
    // Post/redirect/get: the answer is the redirect (its flash cookie included) and the page it leads to.
    const follow = async (res: Response) => (await browser.get(res.headers.get("location") ?? "")).text();
    const known = await browser.post("/forgot-password", { email }, { csrf: token });
    const knownPage = await follow(known);
    const ghost = await browser.post("/forgot-password", { email: unknown }, { csrf: token });
    const ghostPage = await follow(ghost);
    expect(ghost.status).toBe(known.status);
    expect(ghost.headers.get("location")).toBe(known.headers.get("location"));
    expect(ghost.headers.getSetCookie()).toEqual(known.headers.getSetCookie());
    const [a, b] = [normalize(knownPage, email), normalize(ghostPage, unknown)];
    expect(a).toContain("If an account exists for that address");
    expect(b).toBe(a);
  });

  it("log-in failure reads the same for an unknown email, a wrong password and a disabled account", async () => {
    const { email } = await signUp(base);
    const disabled = await signUp(base);
    await db().user.update({ where: { email: disabled.email }, data: { disabledAt: new Date() } });
    const unknown = uniqueEmail("ghost");
    const browser = new Client(base);
    const token = await browser.csrf();
    const wrong = await browser.post("/login", { email, password: "not the password" }, { csrf: token });
    const ghost = await browser.post("/login", { email: unknown, password: "not the password" }, { csrf: token });
    const off = await browser.post("/login", { email: disabled.email, password: PASSWORD }, { csrf: token });
    expect([ghost.status, off.status]).toEqual([wrong.status, wrong.status]);
    const a = normalize(await wrong.text(), email);
    expect(a).toContain("That email and password do not match an account.");
    expect(normalize(await ghost.text(), unknown)).toBe(a);
    expect(normalize(await off.text(), disabled.email)).toBe(a);
  });
});

describe("API tokens", () => {
  it("a token revoked on the lab's token page gets 401 on the next call; the lab's other tokens keep working", async () => {
    const lab = await labWithOpenGig(base);
    const slug = (await db().lab.findUniqueOrThrow({ where: { id: lab.labId } })).slug;
    const page = `/labs/${slug}/tokens`;
    const create = async (name: string) => {
      const res = await lab.owner.client.post(page, { intent: "create", name });
      expect(res.status).toBe(303);
      // Post/redirect/get: the new token is shown once, on the page the redirect leads to.
      const shown = await (await lab.owner.client.get(res.headers.get("location") ?? "")).text();
      const token = /sa_[a-f0-9]{8}_[A-Za-z0-9_-]{20,64}/.exec(shown)?.[0];
      expect(token).toBeTruthy();
      return token!;
    };
    const doomed = await create("CI pipeline");
    const keeper = await create("Dashboard");
    const call = (token: string) => fetch(`${base}/api/v1/gigs`, { headers: { authorization: `Bearer ${token}` } });
    expect((await call(doomed)).status).toBe(200);
    const record = await db().apiToken.findFirstOrThrow({ where: { labId: lab.labId, name: "CI pipeline" } });
    const revoke = await lab.owner.client.post(page, { intent: "revoke", tokenId: record.id });
    expect(revoke.status).toBe(303);
    const after = await call(doomed);
    expect(after.status).toBe(401);
    expect(after.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(((await after.json()) as { detail: string }).detail).toMatch(/revoked/);
    expect((await call(keeper)).status).toBe(200);
    // The listing never shows a token's secret, only its prefix.
    const listing = await (await lab.owner.client.get(page)).text();
    expect(listing).not.toContain(doomed.slice(12));
    expect(listing).not.toContain(keeper.slice(12));
  });
});

describe("security headers", () => {
  function checkHeaders(res: Response, what: string) {
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).toContain("object-src 'none'");
    expect(csp, what).toContain("base-uri 'self'");
    // (A route may set it again: "nosniff, nosniff" is still nosniff per the Fetch spec.)
    expect(
      res.headers
        .get("x-content-type-options")
        ?.split(",")
        .map((v) => v.trim()),
      what,
    ).toSatisfy((v: string[] | undefined) => Boolean(v?.length && v.every((x) => x === "nosniff")));
    expect(res.headers.get("referrer-policy"), what).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options"), what).toBe("DENY");
    expect(res.headers.get("x-powered-by"), what).toBeNull();
    return /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";
  }

  it("every HTML page has a fresh CSP nonce, and every script tag carries it", async () => {
    const a = await fetch(`${base}/`);
    const b = await fetch(`${base}/`);
    const nonceA = checkHeaders(a, "/");
    const nonceB = checkHeaders(b, "/");
    expect(nonceA).not.toBe(nonceB);
    const html = await a.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonceA}"`);
    // Module preloads are fine without a nonce; no inline event handlers anywhere.
    expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
  });

  it("API responses, redirects, errors and downloads carry the headers too", async () => {
    const pro = await signUp(base);
    checkHeaders(await fetch(`${base}/api/v1/gigs`), "API 401");
    checkHeaders(await fetch(`${base}/account`, { redirect: "manual" }), "redirect");
    checkHeaders(await fetch(`${base}/no-such-page`), "404 page");
    checkHeaders(await fetch(`${base}/healthz`), "healthz");
    checkHeaders(await pro.client.get("/me/data/export.json"), "data export");
    checkHeaders(await fetch(`${base}/credits/template.csv`), "CSV download");
  });
});
