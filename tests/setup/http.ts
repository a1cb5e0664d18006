/**
 * A tiny browser-like HTTP client for integration tests: keeps cookies, reads the CSRF token
 * from pages, submits forms, and signs up / logs in users. Each client gets its own
 * X-Forwarded-For address so per-IP rate limits don't couple tests.
 */
import { randomBytes } from "node:crypto";

let ipCounter = 10;

export class Client {
  cookies = new Map<string, string>();
  ip = `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
  constructor(public base: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private store(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a)) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    headers.set("x-forwarded-for", this.ip);
    const res = await fetch(new URL(path, this.base), { ...init, headers, redirect: "manual" });
    this.store(res);
    return res;
  }

  get(path: string) {
    return this.request(path);
  }

  /** The CSRF token rendered into any page (fetches `/about` when no page is given). */
  async csrf(page?: string): Promise<string> {
    // Signed-in pages carry the token in the log-out form; anonymous ones on /login.
    // (Not `/`: it redirects signed-in people to their own home.)
    for (const path of page ? [page] : ["/about", "/login"]) {
      const html = await (await this.get(path)).text();
      const m = /name="_csrf" value="([^"]+)"/.exec(html);
      if (m) return m[1];
    }
    throw new Error(`no CSRF token on ${page ?? "/ or /login"}`);
  }

  /** Submits a form like a browser without JavaScript (urlencoded, CSRF token included). */
  async post(path: string, fields: Record<string, string | string[] | number | boolean | undefined>, opts: { csrf?: string | null } = {}) {
    const body = new URLSearchParams();
    const token = opts.csrf === undefined ? await this.csrf() : opts.csrf;
    if (token) body.append("_csrf", token);
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, String(item));
    }
    return this.request(path, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", origin: this.base },
    });
  }
}

export const uniqueEmail = (prefix = "user") => `${prefix}-${randomBytes(4).toString("hex")}@test.secondact.test`;
export const PASSWORD = "correct horse battery";

/**
 * Signs up through the real form. Sign-up signs nobody in (it answers the same for registered
 * addresses): by default the helper then opens the emailed confirmation link, which confirms the
 * address and signs in, like a person would. With `confirmed: false` it logs in with the password
 * instead and the address stays unconfirmed (for tests of what unconfirmed accounts may do, and
 * for servers whose database this process cannot read).
 */
export async function signUp(
  base: string,
  opts: { type?: "PROFESSIONAL" | "LAB"; name?: string; labName?: string; email?: string; confirmed?: boolean } = {},
) {
  const client = new Client(base);
  const email = opts.email ?? uniqueEmail(opts.type === "LAB" ? "lab" : "pro");
  const res = await client.post("/signup", {
    name: opts.name ?? "Test Person",
    email,
    password: PASSWORD,
    accountType: opts.type ?? "PROFESSIONAL",
    labName: opts.type === "LAB" ? (opts.labName ?? `Lab ${randomBytes(3).toString("hex")}`) : undefined,
    acceptTerms: "on",
  });
  // Sign-up answers with a 303 (post/redirect/get) to /check-email.
  if (res.status !== 303) throw new Error(`sign-up failed with ${res.status}: ${(await res.text()).slice(0, 300)}`);
  if (opts.confirmed === false) {
    const login = await client.post("/login", { email, password: PASSWORD });
    if (login.status !== 302) throw new Error(`login after sign-up failed with ${login.status}`);
    return { client, email };
  }
  const link = await confirmationLink(email);
  const opened = await client.get(link);
  // 302: signed in by the link; 200: this browser was already signed in.
  if (opened.status !== 302 && opened.status !== 200) throw new Error(`confirmation link answered ${opened.status}`);
  return { client, email };
}

/** The path of the newest confirmation link mailed to `email` (from the app's mail outbox). */
export async function confirmationLink(email: string): Promise<string> {
  const { db } = await import("~/db.server");
  const mail = await db().mailMessage.findFirst({ where: { to: email, kind: "verify-email" }, orderBy: { createdAt: "desc" } });
  const m = mail && /https?:\/\/[^/\s]+(\/verify-email\?token=[A-Za-z0-9_-]+)/.exec(mail.text);
  if (!m) throw new Error(`no confirmation link mailed to ${email}`);
  return m[1];
}

export async function logIn(base: string, email: string, password = PASSWORD) {
  const client = new Client(base);
  const res = await client.post("/login", { email, password });
  if (res.status !== 302) throw new Error(`login failed with ${res.status}`);
  return client;
}
