/**
 * Fault injection: `npm start`'s own shutdown. scripts/start.ts runs as a child process with
 * its own embedded PostgreSQL (DATA_DIR, PG_PORT and PORT in a temp folder / free ports,
 * SEED=none). SIGTERM arrives while a request is in flight; the documented behaviour is
 * "drain requests, stop the outbox worker, stop PostgreSQL, nothing orphaned", exit code 0.
 *
 * start.ts is pointed at the run's build (REMIX_BUILD_DIR), which is up to date, so it does not
 * build the app again.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { signUp } from "../setup/http";
import {
  creditsCsv,
  freePort,
  holdLock,
  postImport,
  probeConnect,
  ROOT,
  settle,
  visibleText,
  waitFor,
  waitForBlockedBy,
  within,
} from "./fault-helpers";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "sa-faults-start-"));
let proc: ChildProcess | undefined;

/** PIDs of postgres processes whose command line names our data folder. */
function postgresFor(dir: string): number[] {
  const out = execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((l) => l.includes(dir) && /postgres/.test(l))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

afterAll(() => {
  if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
  for (const pid of postgresFor(dataDir)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {}
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start shutdown", () => {
  it("SIGTERM drains the in-flight request, stops embedded PostgreSQL and exits 0", async () => {
    chmodSync(dataDir, 0o755);
    const [pgPort, port] = [await freePort(), await freePort()];
    const env: Record<string, string | undefined> = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith("VITEST") || key === "TEST") delete env[key];
    for (const key of ["DATABASE_URL", "NODE_ENV"]) delete env[key];
    // The run's build (tests/setup/global.ts), so start.ts does not build the app a second time.
    Object.assign(env, {
      DATA_DIR: dataDir,
      PG_PORT: String(pgPort),
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED: "none",
      RATE_LIMIT_DISABLED: "true",
      REMIX_BUILD_DIR: inject("buildDir"),
    });

    const t0 = Date.now();
    // `node --import tsx` rather than npm/npx/the tsx CLI: one process, so the signal reaches start.ts itself.
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    proc = child;
    let out = "";
    child.stdout!.on("data", (c) => {
      out += String(c);
    });
    child.stderr!.on("data", (c) => {
      out += String(c);
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("close", (code, signal) => resolve({ code, signal })),
    );
    await waitFor(
      "npm start to serve",
      () => (child.exitCode !== null ? Promise.reject(new Error(out)) : /serving on/.test(out)),
      110_000,
      100,
    );
    console.log(`[faults] npm start served after ${Date.now() - t0} ms${/Building the app/.test(out) ? " (it rebuilt build/ first)" : ""}`);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    // npm start renders with React's production build (NODE_ENV=production) and stays a local run
    // (APP_ENV=local): plain-HTTP cookies, so signing in works on http://localhost.
    expect(await (await fetch(`${base}/healthz`)).json()).toMatchObject({ status: "ok", build: "production" });
    expect((await fetch(`${base}/login`)).headers.get("set-cookie") ?? "").not.toMatch(/;\s*Secure/i);
    expect(postgresFor(dataDir).length).toBeGreaterThan(0);

    // A request in flight when the signal arrives: an import parked inside its transaction.
    const { client } = await signUp(base, { confirmed: false });
    const token = await client.csrf("/me/profile/import");
    const pgUrl = `postgresql://postgres:postgres@127.0.0.1:${pgPort}/second_act`;
    const lever = await holdLock(pgUrl, 'LOCK TABLE "Event" IN EXCLUSIVE MODE');
    const pending = settle(postImport(client, token, creditsCsv(200, "Shutdown")));
    await waitForBlockedBy(lever.client, lever);

    const signalledAt = Date.now();
    child.kill("SIGTERM");
    // Draining: the listener closes while the import is still running (or the process is gone).
    await waitFor(
      "the listener to close",
      async () => child.exitCode !== null || (await probeConnect(port, 500)) === "refused",
      5_000,
    ).catch(() => {});
    await lever.release();
    const result = await within("the in-flight import", pending, 15_000);
    const exit = await within("npm start to exit after SIGTERM", exited, 15_000).catch(() => null);
    const exitMs = Date.now() - signalledAt;
    const left = await waitFor("embedded PostgreSQL to stop", () => postgresFor(dataDir).length === 0, 5_000).then(
      () => [],
      () => postgresFor(dataDir),
    );
    const outcome =
      "status" in result
        ? `${result.status} ${visibleText(result.text).match(/Imported \d+ new credits?\.|Nothing was imported\.[^.]*\./)?.[0] ?? ""}`
        : result.error;
    console.log(
      `[faults] npm start SIGTERM -> in-flight import: ${outcome}; exit ${exit ? (exit.code ?? exit.signal) : "none within 15 s"} after ${exitMs} ms; postgres left: ${left.length}\n${out.split("\n").slice(-6).join("\n")}`,
    );

    expect.soft(left, "no postgres process for this data folder remains").toEqual([]);
    expect.soft(exit, "exit code").toMatchObject({ code: 0 });
    expect.soft(out).toContain("Stopped cleanly.");
    expect.soft("status" in result && result.status, `in-flight import: ${outcome}`).toBe(200);
    expect.soft(outcome).toContain("Imported 200 new credits.");
  }, 150_000);
});
