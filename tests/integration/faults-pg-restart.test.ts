/**
 * Fault injection: PostgreSQL restarted under a running app. A dedicated embedded PostgreSQL
 * (its own data folder and port, so the shared test cluster is not touched) serves a child-
 * process app; PostgreSQL is stopped and started again, and the app must come back by itself:
 * /readyz and a database-backed page succeed again without restarting the app.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type EmbeddedPg, startEmbeddedPostgres } from "../../scripts/lib/embedded-pg";
import { applyMigrations } from "../../scripts/lib/migrate";
import { signUp } from "../setup/http";
import { type ChildServer, creditsCsv, freePort, postImport, startChildServer, visibleText, waitFor, within } from "./fault-helpers";

const dir = mkdtempSync(path.join(os.tmpdir(), "sa-faults-pg-"));
let pgPort: number;
let pgServer: EmbeddedPg | undefined;
let child: ChildServer | undefined;
let url: string;

const startPg = () => startEmbeddedPostgres({ dir: path.join(dir, "data"), port: pgPort, persistent: true });

beforeAll(async () => {
  chmodSync(dir, 0o755); // the postgres OS user must reach the data folder
  pgPort = await freePort();
  pgServer = await startPg();
  await pgServer.ensureDatabase("app");
  url = pgServer.url("app");
  await applyMigrations(url);
  child = await startChildServer({ databaseUrl: url, buildDir: inject("buildDir"), port: await freePort(), appName: "sa-pg-restart" });
});

afterAll(async () => {
  await child?.kill();
  await pgServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function status(base: string, path: string, cookie?: string) {
  try {
    const res = await within(`GET ${path}`, fetch(new URL(path, base), { headers: cookie ? { cookie } : {}, redirect: "manual" }), 10_000);
    return { status: res.status, body: await res.text() };
  } catch (e) {
    return { status: 0, body: (e as Error).message };
  }
}

describe("PostgreSQL restarted under a running app", () => {
  it("reports not ready while the database is down, then reconnects by itself", async () => {
    const app = child!;
    const { client } = await signUp(app.url, { name: "Restart Person", confirmed: false });
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    expect((await status(app.url, "/readyz")).status).toBe(200);
    expect((await status(app.url, "/me/profile", cookie)).status).toBe(200);

    await pgServer!.stop();
    const down = await waitFor(
      "/readyz to report the database down",
      async () => {
        const r = await status(app.url, "/readyz");
        return r.status === 503 ? r : null;
      },
      10_000,
    );
    expect(JSON.parse(down.body)).toMatchObject({ status: "unavailable", checks: { database: { ok: false } } });
    const page = await status(app.url, "/me/profile", cookie);
    console.log(`[faults] database down: /readyz 503 ${down.body}; /me/profile -> ${page.status} ${visibleText(page.body).slice(0, 160)}`);
    expect(page.status).toBeGreaterThanOrEqual(500); // an error page, not a hang or a dropped socket

    const t0 = Date.now();
    pgServer = await startPg();
    const pgUp = Date.now() - t0;
    await waitFor("/readyz to succeed again", async () => (await status(app.url, "/readyz")).status === 200, 20_000, 100);
    await waitFor("/me/profile to succeed again", async () => (await status(app.url, "/me/profile", cookie)).status === 200, 20_000, 100);
    console.log(`[faults] PostgreSQL restarted in ${pgUp} ms; app ready again ${Date.now() - t0 - pgUp} ms later, without a restart`);
    expect(app.proc.exitCode).toBeNull(); // same process, it did not crash or restart

    // Writes (transactions) work again too.
    const imported = await within(
      "an import after the restart",
      postImport(client, await client.csrf("/me/profile/import"), creditsCsv(20, "After")),
      20_000,
    );
    expect(imported.status).toBe(200);
    expect(visibleText(await imported.text())).toContain("Imported 20 new credits.");
    expect(app.stderr()).not.toMatch(/Unhandled|uncaught/i);
  }, 60_000);
});
