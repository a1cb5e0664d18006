/**
 * Meilisearch killed (SIGKILL) in the middle of a stream of writes: every write still succeeds,
 * /readyz shows the outbox lag, and after a restart on the same data folder the index converges
 * with no lost update. Uses a Meilisearch of its own (the shared one must not be killed).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundledMeilisearch, type MeiliServer, randomMasterKey, startMeilisearch } from "../../scripts/lib/meilisearch-server";
import { meiliAvailable } from "../setup/engines";
import { freePort, waitFor } from "./fault-helpers";

const available = meiliAvailable("meilisearch-outage");

const dir = mkdtempSync(path.join(os.tmpdir(), "second-act-test-meili-outage-"));
let server: MeiliServer | undefined;
let base = "";
const masterKey = randomMasterKey();
const port = await freePort();
const binary = await bundledMeilisearch();
if (available && binary.ok) {
  server = await startMeilisearch({ binary: binary.path, dir, port, masterKey });
  process.env.SEARCH_ENGINE = "meilisearch";
  process.env.MEILI_HOST = server.url;
  process.env.MEILI_API_KEY = masterKey;
  process.env.OUTBOX_POLL_MS = "100";
  const { useTestServer } = await import("../setup/server");
  base = await useTestServer();
}
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available || !binary.ok)("Meilisearch killed mid-load", () => {
  it("writes succeed, /readyz shows the lag, the index converges after a restart", async () => {
    if (!binary.ok || !server) throw new Error(binary.ok ? "no server" : binary.reason);
    const { db } = await import("~/db.server");
    const { createGig, changeGigStatus, updateGig } = await import("~/services/gigs.server");
    const { searchRuntime } = await import("~/search/runtime.server");
    const { FULL_GIG } = await import("./fixtures");
    const lab = await db().lab.create({ data: { name: "Outage Lab", slug: `outage-${Date.now()}` } });
    const actor = { id: null, role: "SYSTEM" };

    const ids: string[] = [];
    const write = async (i: number) => {
      const g = await createGig(lab.id, { ...FULL_GIG, title: `Outage gig ${i}` }, actor);
      if (!g.ok) throw new Error("create failed");
      expect((await changeGigStatus(g.gig.id, "OPEN", actor)).ok).toBe(true);
      ids.push(g.gig.id);
    };
    for (let i = 0; i < 5; i++) await write(i);
    process.kill(server.pid, "SIGKILL");
    await waitFor(
      "Meilisearch gone",
      async () =>
        !(await fetch(`${server!.url}/health`).then(
          () => true,
          () => false,
        )),
    );
    for (let i = 5; i < 15; i++) await write(i); // writes keep succeeding
    for (const id of ids.slice(0, 8)) expect((await updateGig(id, { title: "Renamed while down" }, actor, { merge: true })).ok).toBe(true);
    expect((await changeGigStatus(ids[14], "CLOSED", actor)).ok).toBe(true);

    const lag = await waitFor(
      "/readyz showing the lag",
      async () => {
        const body = await (await fetch(`${base}/readyz`)).json();
        return !body.checks.search.ok && body.checks.search.outbox.pending > 0 ? body : null;
      },
      30_000,
    );
    expect(lag.checks.search.outbox.pending).toBeGreaterThan(0);

    server = await startMeilisearch({ binary: binary.path, dir, port, masterKey }); // same folder, same port
    await db().outboxEvent.updateMany({ data: { availableAt: new Date(0) } }); // skip the back-off wait
    await waitFor("the outbox to drain", async () => (await db().outboxEvent.count()) === 0, 120_000, 200);
    const engine = searchRuntime() as unknown as { engine: import("~/search/engine.server").SearchEngine };
    const all = await engine.engine.search("gigs", { filters: [{ field: "labId", op: "eq", value: lab.id }], perPage: 100 });
    expect(all.hits.map((h) => h.id).sort()).toEqual(ids.slice(0, 14).sort()); // the closed one is gone
    const renamed = await engine.engine.search("gigs", {
      q: "renamed while down",
      filters: [{ field: "labId", op: "eq", value: lab.id }],
      perPage: 100,
    });
    expect(renamed.hits.map((h) => h.id).sort()).toEqual(ids.slice(0, 8).sort());
  }, 240_000);
});
