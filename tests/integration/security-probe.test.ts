/**
 * Regression tests for the holes an outside probe found (issue 17, items 1, 2, 4, 5 and 7),
 * over real HTTP against the built app and a real PostgreSQL:
 *
 * 1. the development mail outbox answers only requests made on this machine, straight to the
 *    server (checked on the socket, not on headers), and `npm start` binds loopback by default;
 * 2. body-size limits are enforced while the body streams in, chunked bodies included, for forms,
 *    the multipart import and the JSON API;
 * 5. links in emails come from configuration (APP_URL, else the listening address), never from
 *    the request's Host or X-Forwarded-Host;
 * 4, 7. the `next` target after log-in is a same-origin path or the home page, and never a 500.
 *
 * The server here listens on every interface (HOST=0.0.0.0, the deliberate way to expose the
 * site), so the same instance can be reached over loopback and over this machine's network
 * address, which is a non-loopback peer as far as the server's socket is concerned.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { startServer } from "../../server/index";
import { useFreshDatabase } from "../setup/db";
import { Client, PASSWORD, logIn, signUp, uniqueEmail } from "../setup/http";
import { ROOT, type ChildServer, freePort, startChildServer, waitFor } from "./fault-helpers";

const databaseUrl = await useFreshDatabase();
const buildDir = inject("buildDir");
const build = await import(/* @vite-ignore */ path.join(buildDir, "server/index.js"));
const running = await startServer({ port: 0, host: "0.0.0.0", build, buildDir, log: () => {} });
afterAll(() => running.close());
const port = (running.server.address() as { port: number }).port;
const base = `http://127.0.0.1:${port}`;

const { db } = await import("~/db.server");
const { createApiToken } = await import("~/services/labs.server");

/** This machine's own non-loopback IPv4 address: a request to it arrives from a non-loopback peer. */
function externalAddress(): string {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  throw new Error("This machine has no non-loopback IPv4 address; the /dev/mail remote-client test needs one.");
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One request with exactly these headers (Host included), on its own connection. */
function raw(opts: {
  host?: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: opts.host ?? "127.0.0.1", port, method: opts.method ?? "GET", path: opts.path, headers: opts.headers, agent: false },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

/**
 * Streams up to `total` bytes as a chunked body (no Content-Length), `prefix` first, and stops
 * writing as soon as the response arrives. Returns the response and how many bytes had been
 * written by then (the server cannot have read more than that).
 */
function streamChunked(opts: {
  path: string;
  headers: Record<string, string>;
  prefix: string;
  total: number;
}): Promise<RawResponse & { sentBeforeResponse: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: opts.path, headers: opts.headers, agent: false });
    expect(req.getHeader("content-length")).toBeUndefined();
    req.on("response", (res) => {
      answered = true;
      const sentBeforeResponse = sent;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => {
        text += c;
      });
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, sentBeforeResponse });
      });
      res.on("error", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, sentBeforeResponse }));
    });
    // Once the server has answered and closed, further writes fail (EPIPE / ECONNRESET): expected.
    req.on("error", (e) => {
      if (!answered) reject(e);
    });
    const chunk = Buffer.alloc(64 * 1024, "x");
    const pump = async () => {
      req.write(opts.prefix);
      sent += Buffer.byteLength(opts.prefix);
      while (!answered && !req.destroyed && sent < opts.total) {
        const more = req.write(chunk);
        sent += chunk.length;
        if (!more) {
          await new Promise<void>((r) => {
            const done = () => {
              req.off("drain", done);
              req.off("close", done);
              req.off("response", done);
              r();
            };
            req.once("drain", done);
            req.once("close", done);
            req.once("response", done);
          });
        }
      }
      if (!answered && !req.destroyed) req.end();
    };
    void pump();
  });
}

/** The server still answers promptly (a health check within 2 s). */
async function expectResponsive() {
  const t0 = Date.now();
  const res = await fetch(`${base}/healthz`);
  expect(res.status).toBe(200);
  expect(Date.now() - t0).toBeLessThan(2_000);
}

/** The latest reset link mailed to `email` (waits: the mail may leave through an outbox). */
async function resetLink(email: string, after: Date): Promise<URL> {
  const mail = await waitFor(
    `a reset email to ${email}`,
    () =>
      db().mailMessage.findFirst({
        where: { to: email, kind: "reset-password", createdAt: { gte: after } },
        orderBy: { createdAt: "desc" },
      }),
    10_000,
  );
  const link = /(\S+\/reset-password\?token=[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  expect(link, mail.text).toBeTruthy();
  return new URL(link!);
}

/** A browser's CSRF cookie and token, fetched from /forgot-password of `origin`. */
async function csrfFrom(origin: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${origin}/forgot-password`, {
    headers: { "x-forwarded-for": `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
  });
  const cookie = res.headers
    .getSetCookie()
    .find((l) => l.startsWith("__csrf="))!
    .split(";")[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())![1];
  return { cookie, token };
}

const RESET_SENT = "If an account exists for that address, we have sent it a link to reset the password.";

/**
 * Post/redirect/get for a raw response: a sent reset answers 303 to the same-origin path
 * /forgot-password (never an absolute URL built from the request's Host); a browser follows it,
 * carrying the flash cookie, to `origin`, and that page shows the message once.
 */
async function followFlash(origin: string, res: RawResponse, cookie: string) {
  expect(res.status, res.text.slice(0, 300)).toBe(303);
  expect(res.headers.location).toBe("/forgot-password");
  const flash = (res.headers["set-cookie"] ?? []).find((l) => l.startsWith("sa_flash="))?.split(";")[0];
  expect(flash).toBeTruthy();
  const page = await fetch(new URL(res.headers.location!, origin), { headers: { cookie: `${cookie}; ${flash}` } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(RESET_SENT);
}

describe("1. the development mail outbox stays on this machine", () => {
  it("answers a direct loopback request, and 404s a remote client, a proxied request and the .data variant", async () => {
    const { email } = await signUp(base);
    const anon = new Client(base);
    const sent = await anon.post("/forgot-password", { email });
    // Post/redirect/get: a 303 back to the form, which shows the flash message once.
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe("/forgot-password");
    expect(await (await anon.get("/forgot-password")).text()).toContain(RESET_SENT);
    await resetLink(email, new Date(0));

    // This machine, straight to the server: the mailbox, reset link included.
    const local = await fetch(`${base}/dev/mail?to=${encodeURIComponent(email)}`);
    expect(local.status).toBe(200);
    const localHtml = await local.text();
    expect(localHtml).toContain("Mail outbox");
    expect(localHtml).toContain("/reset-password?token=");

    // Another machine's view: the same server, reached through the network address.
    const ext = externalAddress();
    for (const target of [`/dev/mail`, `/dev/mail?to=${encodeURIComponent(email)}`, `/dev/mail.data?to=${encodeURIComponent(email)}`]) {
      const remote = await raw({ host: ext, path: target });
      expect(remote.status, `${target} from ${ext}`).toBe(404);
      expect(remote.text).not.toContain("reset-password?token=");
      expect(remote.text).not.toContain(email);
    }
    // Claiming to be local in a header changes nothing for a remote peer.
    const spoofed = await raw({ host: ext, path: "/dev/mail", headers: { "x-forwarded-for": "127.0.0.1", host: `127.0.0.1:${port}` } });
    expect(spoofed.status).toBe(404);

    // A proxy or tunnel on this machine connects over loopback but names the real client: refused.
    for (const header of ["x-forwarded-for", "forwarded", "x-real-ip"]) {
      const proxied = await raw({ path: "/dev/mail", headers: { [header]: header === "forwarded" ? "for=203.0.113.7" : "203.0.113.7" } });
      expect(proxied.status, header).toBe(404);
      expect(proxied.text).not.toContain("reset-password?token=");
    }
  });
});

describe("2. body size limits hold while the body streams in", () => {
  const TOTAL = 48_000_000; // what the client is willing to send; the server must answer long before

  it("a chunked form body far over the limit to /login gets 413 before it is read, and the server stays responsive", async () => {
    const { email } = await signUp(base);
    const { cookie, token } = await csrfFrom(base);
    const res = await streamChunked({
      path: "/login",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: base, "x-forwarded-for": "10.77.0.1" },
      prefix: `_csrf=${encodeURIComponent(token)}&email=${encodeURIComponent(email)}&password=`,
      total: TOTAL,
    });
    expect(res.status).toBe(413);
    expect(res.text).toMatch(/too large/i);
    expect(res.text).toContain("3 MB");
    // The limit is 3 MB; the server stops draining at 8 MB. Socket buffers account for the rest.
    expect(res.sentBeforeResponse).toBeLessThan(20_000_000);
    await expectResponsive();
    // And the account is untouched: a normal log-in still works.
    await logIn(base, email);
  });

  it("a chunked multipart import over the limit gets 413 too", async () => {
    const { client } = await signUp(base);
    const token = await client.csrf("/me/profile/import");
    const boundary = `----sa${randomBytes(6).toString("hex")}`;
    const res = await streamChunked({
      path: "/me/profile/import",
      headers: {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        origin: base,
        "x-forwarded-for": client.ip,
      },
      prefix: `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\npreview\r\n--${boundary}\r\nContent-Disposition: form-data; name="csv"; filename="credits.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      total: TOTAL,
    });
    expect(res.status).toBe(413);
    expect(res.sentBeforeResponse).toBeLessThan(20_000_000);
    await expectResponsive();
  });

  it("a chunked JSON body far over the limit to the API gets a 413 problem, and the API keeps answering", async () => {
    const { labId, ownerUser } = await (async () => {
      const { email } = await signUp(base, { type: "LAB" });
      const u = await db().user.update({
        where: { email },
        data: { emailVerifiedAt: new Date() },
        include: { labMember: { include: { lab: true } } },
      });
      return { labId: u.labMember!.labId, ownerUser: u };
    })();
    const actor = {
      id: ownerUser.id,
      sessionId: "test",
      email: ownerUser.email,
      name: ownerUser.name,
      role: "LAB_MEMBER" as const,
      emailVerified: true,
      labId,
      labSlug: ownerUser.labMember!.lab.slug,
      labRole: "OWNER" as const,
      profileId: null,
      unreadNotifications: 0,
    };
    const { token } = await createApiToken(labId, "probe", actor);
    const res = await streamChunked({
      path: "/api/v1/gigs",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      prefix: '{"title":"Big","description":"',
      total: TOTAL,
    });
    expect(res.status).toBe(413);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(JSON.parse(res.text).detail).toMatch(/at most 1000000 bytes/);
    expect(res.sentBeforeResponse).toBeLessThan(20_000_000);
    const list = await fetch(`${base}/api/v1/gigs?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(list.status).toBe(200);
    await expectResponsive();
  });
});

describe("5. links in emails never come from the request's Host", () => {
  it("without APP_URL (development): a reset requested with Host or X-Forwarded-Host evil.example links to the listening address", async () => {
    for (const header of ["host", "x-forwarded-host"]) {
      const { email } = await signUp(base);
      const { cookie, token } = await csrfFrom(base);
      const t0 = new Date();
      const res = await raw({
        method: "POST",
        path: "/forgot-password",
        headers: {
          host: header === "host" ? "evil.example" : `127.0.0.1:${port}`,
          ...(header === "x-forwarded-host" ? { "x-forwarded-host": "evil.example" } : {}),
          cookie,
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": `10.78.0.${header.length}`,
        },
        body: new URLSearchParams({ _csrf: token, email }).toString(),
      });
      await followFlash(base, res, cookie);
      const link = await resetLink(email, t0);
      expect(link.host, header).not.toContain("evil.example");
      expect(link.origin).toBe(running.url); // the address this server listens on
    }
  });

  it("in production the start-up refuses to run without APP_URL, with one line", async () => {
    const env: Record<string, string | undefined> = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith("VITEST") || key === "TEST" || key === "APP_URL") delete env[key];
    // Everything else points at throwaway places, so a start-up that wrongly goes ahead harms nothing.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "sa-probe-start-"));
    Object.assign(env, {
      NODE_ENV: "production",
      SESSION_SECRET: "a-production-session-secret-0123456789",
      PORT: String(await freePort()),
      PG_PORT: String(await freePort()),
      DATA_DIR: dataDir,
      SEED: "none",
    });
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const killer = setTimeout(() => child.kill("SIGTERM"), 20_000);
    let out = "";
    let err = "";
    child.stdout!.on("data", (c) => {
      out += c;
    });
    child.stderr!.on("data", (c) => {
      err += c;
    });
    const code = await new Promise<number | null>((resolve) => child.once("close", (c) => resolve(c)));
    clearTimeout(killer);
    rmSync(dataDir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err.trim().split("\n")).toEqual([expect.stringMatching(/^Invalid configuration: APP_URL is required in production/)]);
  });

  it("in production with APP_URL: a reset requested with Host: evil.example mails a link to APP_URL", async () => {
    const APP_URL = "https://secondact.example.org";
    let child: ChildServer | undefined;
    try {
      child = await startChildServer({
        databaseUrl,
        buildDir,
        port: await freePort(),
        appName: "sa-probe-prod",
        env: {
          NODE_ENV: "production",
          SESSION_SECRET: "a-production-session-secret-0123456789",
          APP_URL,
          SLA_REMINDER_INTERVAL_SECONDS: "0",
        },
        timeoutMs: 60_000,
      });
      const email = uniqueEmail("prod");
      await signUp(base, { email });
      const { cookie, token } = await csrfFrom(child.url);
      const t0 = new Date();
      const res = await new Promise<RawResponse>((resolve, reject) => {
        const req = http.request(
          {
            host: "127.0.0.1",
            port: child!.port,
            method: "POST",
            path: "/forgot-password",
            agent: false,
            headers: {
              host: "evil.example",
              "x-forwarded-host": "evil.example",
              cookie,
              "content-type": "application/x-www-form-urlencoded",
            },
          },
          (r) => {
            let text = "";
            r.on("data", (c) => {
              text += c;
            });
            r.on("end", () => resolve({ status: r.statusCode ?? 0, headers: r.headers, text }));
          },
        );
        req.on("error", reject);
        req.end(new URLSearchParams({ _csrf: token, email }).toString());
      });
      await followFlash(child.url, res, cookie);
      const link = await resetLink(email, t0);
      expect(link.origin).toBe(APP_URL);
      // The link works on the real site: the token is a valid one.
      const fresh = "a brand new password 42";
      const anon = new Client(base);
      const reset = await anon.post("/reset-password", { token: link.searchParams.get("token")!, password: fresh, confirm: fresh });
      expect(reset.status).toBe(303);
      await logIn(base, email, fresh);
      // And the production instance hides the mailbox altogether, even from this machine.
      expect((await fetch(`${child.url}/dev/mail`)).status).toBe(404);
    } finally {
      await child?.kill();
    }
  });
});

describe("4 and 7. the target after log-in is a same-origin path, never a 500", () => {
  async function loginWithNext(next: string, opts: { singleFetch?: boolean } = {}) {
    const { email } = await signUp(base);
    const c = new Client(base);
    return c.post(opts.singleFetch ? "/login.data" : "/login", { email, password: PASSWORD, next });
  }

  it.each([
    ["/\t/evil.example", "a tab (dropped by the browser's URL parser: //evil.example)"],
    ["//evil.example", "protocol-relative"],
    ["/\\evil.example", "a backslash"],
    ["/.//evil.example", "a dot segment"],
    ["https://evil.example/", "absolute"],
    ["javascript:alert(document.cookie)", "javascript:"],
  ])("next=%j (%s) lands on the person's home", async (next) => {
    const res = await loginWithNext(next);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/me");
  });

  it("with JavaScript (Remix single fetch) the redirect it hands the browser is the home page too", async () => {
    const res = await loginWithNext("/\t/evil.example", { singleFetch: true });
    const body = await res.text();
    expect(res.status, body.slice(0, 200)).toBeLessThan(500);
    const target = res.headers.get("x-remix-redirect") ?? /"redirect",\s*"([^"]*)"/.exec(body)?.[1] ?? res.headers.get("location");
    expect(target).toBe("/me");
    expect(body).not.toContain("evil.example");
  });

  it("a same-origin next is kept", async () => {
    const res = await loginWithNext("/gigs?q=sitcom#results");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/gigs?q=sitcom#results");
  });

  it.each([
    ["/gigs\r\nSet-Cookie: owned=1", "/gigsSet-Cookie:%20owned=1"],
    ["/gigs?q=\n", "/gigs?q="],
    ["/gigs?q=日本語", "/gigs?q=%E6%97%A5%E6%9C%AC%E8%AA%9E"],
    ["/gigs?q=😀", "/gigs?q=%F0%9F%98%80"],
    ["/people/Ł", "/people/%C5%81"],
  ])("next=%j (line breaks or non-Latin-1) answers 302 to %j, not 500", async (next, location) => {
    const res = await loginWithNext(next);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(location);
    expect(res.headers.get("set-cookie") ?? "").not.toContain("owned=1");
  });

  it("an over-long next does not block the log-in", async () => {
    const res = await loginWithNext(`/gigs?q=${"a".repeat(3000)}`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/me");
  });

  it("the log-in page itself renders with such a next", async () => {
    for (const next of ["/\r\n/evil", "/gigs?q=日本語", "/\t/evil.example"]) {
      const res = await fetch(`${base}/login?next=${encodeURIComponent(next)}`);
      expect(res.status).toBe(200);
    }
  });
});

// Last: a second listener on the same runtime (closing only its socket, not the shared runtime).
describe("1. the server binds loopback unless told otherwise", () => {
  it("startServer without a host listens on 127.0.0.1 only", async () => {
    const other = await startServer({ port: 0, build, buildDir, log: () => {} });
    try {
      const address = other.server.address() as { address: string; port: number };
      expect(address.address).toBe("127.0.0.1");
      const ext = externalAddress();
      const refused = await new Promise<string>((resolve) => {
        const req = http.get({ host: ext, port: address.port, path: "/healthz", agent: false, timeout: 2_000 }, (res) => {
          res.resume();
          resolve(`answered ${res.statusCode}`);
        });
        req.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
        req.on("timeout", () => req.destroy(new Error("timeout")));
      });
      expect(refused).toBe("ECONNREFUSED");
    } finally {
      other.server.closeAllConnections();
      await new Promise((r) => other.server.close(r));
    }
  });
});
