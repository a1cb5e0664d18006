/**
 * CPU per session lookup, in process (issue #21, decision 0029): the Prisma `include` the app used
 * (five statements), the one-statement `$queryRaw` it uses now, and the same SQL through the bare
 * `pg` pool (what Prisma's client itself costs). Rounds alternate between the variants so a busy
 * machine affects them alike; reports CPU µs per lookup (process.cpuUsage, this process only)
 * for each round.
 *
 *   npx tsx scripts/bench/session-lookup.ts [--n 400] [--rounds 5]
 *
 * Starts its own embedded PostgreSQL in a temporary folder with the demo seed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startEmbeddedPostgres } from "../lib/embedded-pg";
import { freePort } from "../lib/free-port";
import { applyMigrations } from "../lib/migrate";

const { values: args } = parseArgs({ options: { n: { type: "string", default: "400" }, rounds: { type: "string", default: "5" } } });
const N = Number(args.n);
const ROUNDS = Number(args.rounds);

const dir = mkdtempSync(path.join(os.tmpdir(), "session-lookup-"));
const server = await startEmbeddedPostgres({ dir, port: await freePort(), persistent: false });
try {
  await server.ensureDatabase("bench");
  const url = server.url("bench");
  await applyMigrations(url);
  process.env.DATABASE_URL = url;
  const { seedIfEmpty } = await import("../../prisma/seed");
  await seedIfEmpty(url, () => {});
  const { db } = await import("~/db.server");
  const { createSession, hashToken, lookupSession } = await import("~/session.server");
  const users = await db().user.findMany({ where: { role: { in: ["PROFESSIONAL", "COORDINATOR"] } }, take: 20, select: { id: true } });
  const hashes: string[] = [];
  for (const u of users) hashes.push(hashToken((await createSession(u.id, {})).split(";")[0].split("=")[1]));
  const pool = new pg.Pool({ connectionString: url, max: 4 });

  const prismaInclude = (tokenHash: string) =>
    db().session.findUnique({
      where: { tokenHash },
      include: {
        user: {
          include: {
            labMember: { include: { lab: { select: { slug: true } } } },
            profile: { select: { id: true } },
            _count: { select: { notifications: { where: { readAt: null } } } },
          },
        },
      },
    });
  const SQL = `SELECT s.id AS "sessionId", s."expiresAt", s."lastSeenAt", u.id, u.email, u.name, u.role::text AS role,
    u."emailVerifiedAt" IS NOT NULL AS "emailVerified", u."disabledAt" IS NOT NULL AS disabled, u."timeZone",
    m."labId", l.slug AS "labSlug", m.role::text AS "labRole", p.id AS "profileId",
    (SELECT count(*)::int FROM "Notification" n WHERE n."userId" = u.id AND n."readAt" IS NULL) AS unread
    FROM "Session" s JOIN "User" u ON u.id = s."userId" LEFT JOIN "LabMember" m ON m."userId" = u.id
    LEFT JOIN "Lab" l ON l.id = m."labId" LEFT JOIN "Profile" p ON p."userId" = u.id WHERE s."tokenHash" = $1`;
  const variants: [string, (h: string) => Promise<unknown>][] = [
    ["prisma include (5 statements)", prismaInclude],
    ["$queryRaw (1 statement)", lookupSession],
    ["bare pg (1 statement)", (h) => pool.query(SQL, [h])],
  ];
  const results = new Map<string, number[]>(variants.map(([name]) => [name, []]));
  for (const [, fn] of variants) for (let i = 0; i < 100; i++) await fn(hashes[i % hashes.length]);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, fn] of variants) {
      const c0 = process.cpuUsage();
      for (let i = 0; i < N; i++) await fn(hashes[i % hashes.length]);
      const c = process.cpuUsage(c0);
      results.get(name)!.push(Math.round((c.user + c.system) / N));
    }
  }
  for (const [name, us] of results)
    console.log(`${name.padEnd(32)} CPU µs/lookup per round: ${us.join(", ")}  (min ${Math.min(...us)}, max ${Math.max(...us)})`);
  await pool.end();
  await db().$disconnect();
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
