/**
 * Fault injection on the app process (a child process: tests/setup/child-server.ts):
 *  - SIGKILL in the middle of a CSV import and of a bulk board move: after a restart the
 *    database holds all of it or none of it, and a retry completes it exactly once;
 *  - SIGTERM while a slow import is in flight: the import completes with its normal response,
 *    new connections are refused, the process exits 0, and it leaves no database session.
 *
 * "In the middle" is made deterministic with a lever: a test connection holds a lock the
 * request's transaction needs further on, so the request is parked with its earlier writes
 * uncommitted (pg_locks shows them) when the signal arrives.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "~/db.server";
import { seedTransferRules } from "~/services/transfer.server";
import { useFreshDatabase } from "../setup/db";
import { logIn } from "../setup/http";
import {
  applicants,
  backends,
  boardSelection,
  type ChildServer,
  creditsCsv,
  dbNameOf,
  freePort,
  holdLock,
  pgClient,
  postBulkMove,
  postImport,
  probeConnect,
  settle,
  startChildServer,
  tablesWrittenBy,
  versions,
  visibleText,
  waitFor,
  waitForBackendGone,
  waitForBlockedBy,
  within,
} from "./fault-helpers";
import { labWithOpenGig, staff } from "./fixtures";
import { professional } from "./profile-helpers";

const url = await useFreshDatabase();
const dbName = dbNameOf(url);
const ROWS = 3_000;
const APP = "sa-kill";
let port: number;
let child: ChildServer | undefined;
let watcher: Awaited<ReturnType<typeof pgClient>>;

const start = async () => {
  child = await startChildServer({ databaseUrl: url, buildDir: inject("buildDir"), port, appName: APP });
  return child;
};

beforeAll(async () => {
  await seedTransferRules(db());
  port = await freePort();
  watcher = await pgClient(url);
  await start();
});
afterAll(async () => {
  await child?.kill();
  await watcher?.end();
});

describe("the app process killed (SIGKILL) mid-write", () => {
  it("CSV import: none of it after the kill; the retry imports every row exactly once", async () => {
    const server = child!;
    const pro = await professional(server.url);
    const csv = creditsCsv(ROWS);
    const token = await pro.client.csrf("/me/profile/import");

    const lever = await holdLock(url, 'LOCK TABLE "Event" IN EXCLUSIVE MODE');
    try {
      const pending = settle(postImport(pro.client, token, csv));
      const orphan = await waitForBlockedBy(lever.client, lever);
      expect(await tablesWrittenBy(lever.client, orphan)).toEqual(expect.arrayContaining(["Credit", "Profile", "OutboxEvent"]));

      await server.kill();
      const response = await within("the killed import's response", pending, 10_000);
      expect(response).toHaveProperty("error"); // the connection died with the process
      // The killed process's transaction is still parked on the lever's lock; nothing is visible.
      expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(0);

      await lever.release();
      // Its backend notices the client is gone once it runs again, and rolls back.
      await waitForBackendGone(watcher, orphan);
    } finally {
      await lever.release();
    }
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(0);
    expect(await db().event.count({ where: { action: "credit.imported", entityId: pro.profileId } })).toBe(0);

    const restarted = await start();
    pro.client.base = restarted.url;
    const first = await within("the retried import", postImport(pro.client, await pro.client.csrf("/me/profile/import"), csv), 30_000);
    expect(first.status).toBe(200);
    expect(visibleText(await first.text())).toContain(`Imported ${ROWS} new credits.`);
    // The same file once more (a double click, a retry after a timeout): nothing twice.
    const again = await within("the repeated import", postImport(pro.client, await pro.client.csrf("/me/profile/import"), csv), 30_000);
    expect(again.status).toBe(200);
    expect(visibleText(await again.text())).toContain(`Imported 0 new credits. ${ROWS} rows were already on your profile and skipped.`);
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(ROWS);
    const keys = await db().credit.groupBy({ by: ["importKey"], where: { profileId: pro.profileId }, _count: true });
    expect(keys).toHaveLength(ROWS);
  }, 60_000);

  it("bulk board move: nothing moved after the kill; the retry moves each application exactly once", async () => {
    const server = child!;
    const { gig } = await labWithOpenGig(server.url);
    const { email } = await staff();
    const coord = await logIn(server.url, email);
    const ids = await applicants(gig.id, 6);
    const before = await versions(ids);
    const selection = await boardSelection(coord, gig.id, ids);
    const token = await coord.csrf(`/coord/gigs/${gig.id}`);

    // Park the bulk transaction on the last application, after it moved the first five.
    const lever = await holdLock(url, 'SELECT 1 FROM "Application" WHERE id = $1 FOR UPDATE', [ids[ids.length - 1]]);
    try {
      const pending = settle(postBulkMove(coord, token, gig.id, selection, "SHORTLISTED"));
      const orphan = await waitForBlockedBy(lever.client, lever);
      expect(await tablesWrittenBy(lever.client, orphan)).toEqual(
        expect.arrayContaining(["Application", "StageTransition", "Event", "Notification"]),
      );

      await server.kill();
      expect(await within("the killed bulk move's response", pending, 10_000)).toHaveProperty("error");
      expect(await versions(ids)).toEqual(before);

      await lever.release();
      await waitForBackendGone(watcher, orphan);
    } finally {
      await lever.release();
    }
    expect(await versions(ids)).toEqual(before);
    expect(await db().stageTransition.count({ where: { applicationId: { in: ids }, toStage: "SHORTLISTED" } })).toBe(0);

    const restarted = await start();
    coord.base = restarted.url;
    // The person reloads the board (fresh versions) and submits again.
    const fresh = await boardSelection(coord, gig.id, ids);
    expect(fresh).toEqual(selection);
    const retry = await within(
      "the retried bulk move",
      postBulkMove(coord, await coord.csrf(`/coord/gigs/${gig.id}`), gig.id, fresh, "SHORTLISTED"),
      15_000,
    );
    // Post/redirect/get (303 See Other, as every form action answers): the board it lands on says what happened, once.
    expect(retry.status).toBe(303);
    const landed = await coord.get(retry.headers.get("location") ?? "");
    expect(visibleText(await landed.text())).toContain(`Moved ${ids.length} applications to Shortlisted.`);
    // The old form submitted again (back button, double submit) is refused, not applied twice.
    const stale = await within(
      "the stale re-submit",
      postBulkMove(coord, await coord.csrf(`/coord/gigs/${gig.id}`), gig.id, fresh, "SHORTLISTED"),
      15_000,
    );
    expect(stale.status).toBe(409);
    for (const id of ids) {
      expect(await db().stageTransition.count({ where: { applicationId: id, toStage: "SHORTLISTED" } })).toBe(1);
    }
    expect((await versions(ids)).map((a) => [a.stage, a.version])).toEqual(before.map((a) => ["SHORTLISTED", a.version + 1]));
  }, 60_000);
});

describe("graceful shutdown (SIGTERM)", () => {
  it("finishes the in-flight import, refuses new connections, exits 0 and leaves no database session", async () => {
    const server = child!;
    const pro = await professional(server.url);
    const csv = creditsCsv(ROWS, "Drain");
    const token = await pro.client.csrf("/me/profile/import");

    // The import is slow on purpose: parked on the lever's lock, inside its transaction.
    const lever = await holdLock(url, 'LOCK TABLE "Event" IN EXCLUSIVE MODE');
    let finished = false;
    const pending = settle(postImport(pro.client, token, csv)).finally(() => {
      finished = true;
    });
    let exit: Awaited<ReturnType<ChildServer["terminate"]>>;
    try {
      await waitForBlockedBy(lever.client, lever);
      const stopping = server.terminate(15_000);
      // The listening socket closes at once: new connections are refused...
      await waitFor("new connections to be refused", async () => (await probeConnect(port, 500)) === "refused", 5_000);
      // ...while the in-flight import is still being served.
      expect(finished).toBe(false);
      expect(server.proc.exitCode).toBeNull();
      await lever.release();
      exit = await stopping;
    } finally {
      await lever.release();
    }
    const result = await within("the in-flight import", pending, 5_000);
    console.log(
      `[faults] SIGTERM with an import in flight -> response ${"status" in result ? result.status : result.error}; exit ${typeof exit === "string" ? exit : `${exit.code ?? exit.signal} ${exit.ms} ms after the signal`}`,
    );
    expect("status" in result && result.status, "error" in result ? result.error : "").toBe(200);
    expect("status" in result && visibleText(result.text)).toContain(`Imported ${ROWS} new credits.`);
    expect(await db().credit.count({ where: { profileId: pro.profileId } })).toBe(ROWS);

    // terminate(15_000) resolves "timeout" when the process is still running 15 s after SIGTERM.
    expect(exit, server.stdout().slice(-1500)).toMatchObject({ code: 0 });
    expect(server.stdout()).toContain("stopped cleanly");
    // The outbox worker and the pool are stopped: no unhandled errors, no session left behind.
    expect(server.stderr()).toBe("");
    expect(server.stdout()).not.toMatch(/outbox worker:|Error/);
    expect(await backends(watcher, dbName, APP)).toEqual([]);
  }, 40_000);
});
