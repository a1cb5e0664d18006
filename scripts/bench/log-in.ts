/**
 * Signs in through the real form, as a browser does (GET /login for the CSRF cookie and token, then
 * POST), for the benchmark scripts. Returns the Cookie header to send (CSRF cookie + session) and the
 * CSRF token for later form posts.
 */
import { fork } from "node:child_process";
import path from "node:path";
import { DEMO_PASSWORD } from "../../prisma/demo/accounts";
import { withServerHeapFlags } from "../../server/cluster";
import { ROOT } from "../lib/migrate";

export async function logIn(base: string, email: string, password = DEMO_PASSWORD): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${base}/login`, { redirect: "manual" });
  const html = await page.text();
  const csrfCookie = page.headers
    .getSetCookie()
    .find((c) => c.startsWith("__csrf="))
    ?.split(";")[0];
  const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrfCookie || !token) throw new Error("no CSRF cookie/token on /login");
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: csrfCookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: token, email, password, next: "" }).toString(),
  });
  if (res.status !== 302 && res.status !== 303) throw new Error(`login ${email}: HTTP ${res.status}`);
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => !c.startsWith("__csrf=") && !/=$/.test(c));
  return { cookie: [csrfCookie, ...session].join("; "), csrf: token };
}

/**
 * The address a server child (tests/setup/child-server.ts) prints once it listens ("serving on
 * <url>", without the trailing slash); rejects with the end of its stderr if it exits first.
 */
export function servingUrl(child: import("node:child_process").ChildProcess): Promise<string> {
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr = (stderr + d).slice(-5000)));
  return new Promise<string>((resolve, reject) => {
    let buf = "";
    child.stdout?.on("data", (d) => {
      buf += d;
      const m = buf.match(/serving on (http:\/\/[^\s]+)/);
      if (m) resolve(m[1].replace(/\/$/, ""));
    });
    child.once("exit", (c) => reject(new Error(`server exited ${c}: ${stderr}`)));
  });
}

/**
 * The environment of a production server child for a bench script (tests/setup/child-server.ts):
 * its database and build, 127.0.0.1:`port`, a fixed bench-only session secret, no rate limits, no
 * SLA reminder runs (the pages are measured, not a burst of reminders), warnings only; vitest's
 * variables removed. `extra` adds or overrides (e.g. WEB_WORKERS).
 */
export function benchServerEnv(opts: { url: string; buildDir: string; port: number; extra?: Record<string, string> }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: opts.url,
    REMIX_BUILD_DIR: opts.buildDir,
    PORT: String(opts.port),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    APP_URL: `http://127.0.0.1:${opts.port}`, // required in production (links in emails)
    SESSION_SECRET: "bench-only-session-secret-0123456789abcdefghij",
    RATE_LIMIT_DISABLED: "true",
    SLA_REMINDER_INTERVAL_SECONDS: "0",
    LOG_LEVEL: "warn",
    ...opts.extra,
  };
  for (const k of Object.keys(env)) if (k.startsWith("VITEST")) delete env[k];
  return env;
}

/**
 * Forks the production server child with the SQL probe (scripts/bench/data-probe.ts) loaded and the
 * V8 flags a web worker gets in production (server/cluster.ts, decision 0038); `prof` adds a V8 CPU
 * profile in .cache/bench-prof. Returns the child, its address and `ask`, which sends "reset" or
 * "snapshot" to the probe and resolves with its answer.
 */
export async function forkProbedServer(env: NodeJS.ProcessEnv, opts: { prof?: boolean } = {}) {
  const prof = opts.prof ? ["--cpu-prof", `--cpu-prof-dir=${path.join(ROOT, ".cache/bench-prof")}`] : [];
  const server = fork(path.join(ROOT, "tests/setup/child-server.ts"), [], {
    cwd: ROOT,
    env,
    execArgv: withServerHeapFlags([...prof, "--import", "tsx", "--import", path.join(ROOT, "scripts/bench/data-probe.ts")]),
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const ask = <T>(msg: "reset" | "snapshot") =>
    new Promise<T>((resolve) => {
      const on = (m: { type: string }) => {
        if (m.type === msg) {
          server.off("message", on);
          resolve(m as T);
        }
      };
      server.on("message", on);
      server.send(msg);
    });
  return { server, base: await servingUrl(server), ask };
}
