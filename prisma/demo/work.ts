/**
 * The active phase of the demo data, derived in SQL from the loaded applications (deterministic:
 * every choice hashes the application id; dates count back from the dataset's `now`):
 *
 * - an Engagement for every ACTIVE or OFFBOARDED application (active since its move to ACTIVE);
 * - a work ledger for ACTIVE people on paid gigs: 2 to 9 work days since they became active,
 *   older entries paid, then approved, the latest pending; one in seven has a payout held with a
 *   reason, one in five a self-reported entry awaiting review;
 * - queue statuses: about a third of active people have no work, with a reason from the list and
 *   a check-again date (a few already past it, so the reminders have something to do);
 * - OFFBOARDED people get an offboarding record (reason code, evidence, who decided).
 *
 * Runs inside the loader's transaction (prisma/demo/load.ts), so it is all or nothing with it.
 */
import type { Tx } from "~/db.server";

export async function seedActivePhase(tx: Tx, now: Date): Promise<{ engagements: number; entries: number }> {
  const at = now.toISOString();
  const engagements = await tx.$executeRaw`
    WITH src AS (
      SELECT a.id, a."gigId", a.stage::text AS stage, a."lastReason",
             COALESCE((SELECT MAX(t.at) FROM "StageTransition" t WHERE t."applicationId" = a.id AND t."toStage" = 'ACTIVE'), a."stageEnteredAt") AS since,
             (SELECT t."actorId" FROM "StageTransition" t WHERE t."applicationId" = a.id AND t."toStage" = 'OFFBOARDED' ORDER BY t.at DESC LIMIT 1) AS decider,
             a."stageEnteredAt" AS entered,
             abs(('x' || substr(md5(a.id), 1, 8))::bit(32)::int) AS h
      FROM "Application" a WHERE a.stage IN ('ACTIVE', 'OFFBOARDED')
    )
    INSERT INTO "Engagement" ("id", "applicationId", "gigId", "activeSince", "queueState", "queueReason", "queueNote", "checkAgainOn", "queueSetAt",
                              "offboardKind", "offboardReason", "offboardEvidence", "offboardDecidedBy", "offboardRecordedById", "offboardedAt", "updatedAt")
    SELECT 'eng_' || src.id, src.id, src."gigId", src.since,
           CASE WHEN src.stage = 'ACTIVE' AND src.h % 3 = 0 THEN 'NO_WORK' ELSE 'WORK_AVAILABLE' END,
           CASE WHEN src.stage = 'ACTIVE' AND src.h % 3 = 0 THEN (ARRAY['PROJECT_PAUSED','CAPACITY_FULL','QUALITY_REVIEW','AWAITING_CLIENT','PROJECT_ENDING'])[1 + (src.h / 3) % 5] END,
           CASE WHEN src.stage = 'ACTIVE' AND src.h % 3 = 0 THEN (ARRAY['The client paused the dialogue project for a model update.', 'More raters than tasks this week.', 'Reviewing batch agreement before releasing more tasks.', 'Waiting for the client to send the next script set.', 'The last batch closes this month.'])[1 + (src.h / 3) % 5] ELSE '' END,
           -- Check-again dates: mostly ahead; one in five already past (overdue).
           CASE WHEN src.stage = 'ACTIVE' AND src.h % 3 = 0 THEN (${at}::timestamptz AT TIME ZONE 'UTC')::date + CASE WHEN src.h % 5 = 0 THEN -2 ELSE 3 + src.h % 10 END END,
           GREATEST(src.since, (${at}::timestamptz AT TIME ZONE 'UTC') - make_interval(days => 1 + src.h % 6)),
           CASE WHEN src.stage = 'OFFBOARDED' THEN 'OFFBOARDING' END,
           CASE WHEN src.stage = 'OFFBOARDED' THEN 'PROJECT_ENDED' END,
           CASE WHEN src.stage = 'OFFBOARDED' THEN COALESCE(NULLIF(src."lastReason", ''), 'The project ended.') || ' The last batch was delivered and the client closed the project.' END,
           CASE WHEN src.stage = 'OFFBOARDED' THEN COALESCE((SELECT u.name FROM "User" u WHERE u.id = src.decider), 'The lab''s project lead') END,
           CASE WHEN src.stage = 'OFFBOARDED' THEN src.decider END,
           CASE WHEN src.stage = 'OFFBOARDED' THEN src.entered END,
           (${at}::timestamptz AT TIME ZONE 'UTC')
    FROM src
    ON CONFLICT ("applicationId") DO NOTHING`;

  const entries = await tx.$executeRaw`
    WITH eng AS (
      SELECT e."applicationId", e."gigId", e."activeSince", g."payUnit", g."payAmountCents" AS rate, g."payCurrency" AS currency, g."minutesPerTask",
             abs(('x' || substr(md5(e."applicationId"), 1, 8))::bit(32)::int) AS h,
             GREATEST(0, ((${at}::timestamptz AT TIME ZONE 'UTC')::date - e."activeSince"::date) - 1) AS span
      FROM "Engagement" e JOIN "Application" a ON a.id = e."applicationId" JOIN "Gig" g ON g.id = e."gigId"
      WHERE a.stage = 'ACTIVE' AND g."payAmountCents" IS NOT NULL
    ), days AS (
      SELECT eng.*, n, (2 + eng.h % 8)::int AS total
      FROM eng, generate_series(1, 2 + eng.h % 8) AS n
      WHERE eng.span >= 1
    ), rows AS (
      SELECT d.*,
             -- Spread the work days over the time since they became active (never today or in the future).
             (d."activeSince"::date + 1 + ((d.n - 1) * d.span) / GREATEST(d.total, 1)) AS work_date,
             CASE WHEN d."payUnit" = 'HOUR' THEN 60 * (1 + (d.h + d.n) % 4) + 30 * ((d.h / 7 + d.n) % 2) ELSE 5 + (d.h + d.n * 3) % 20 END AS qty
      FROM days d
    )
    INSERT INTO "WorkEntry" ("id", "applicationId", "gigId", "clientEntryId", "workDate", "unit", "quantity", "rateCents", "currency", "amountCents", "note",
                             "source", "review", "payout", "holdReason", "updatedAt")
    SELECT 'we_' || r."applicationId" || '_' || r.n, r."applicationId", r."gigId", 'demo-' || r.n, r.work_date, r."payUnit", r.qty, r.rate, r.currency,
           CASE WHEN r."payUnit" = 'HOUR' THEN (r.qty * r.rate + 30) / 60 ELSE r.qty * r.rate END,
           CASE WHEN r."payUnit" = 'HOUR' THEN 'Rating session' ELSE 'Task batch' END,
           CASE WHEN r.n = r.total AND r.h % 5 = 0 THEN 'PROFESSIONAL' ELSE 'LAB' END,
           CASE WHEN r.n = r.total AND r.h % 5 = 0 THEN 'SUBMITTED' ELSE 'ACCEPTED' END,
           CASE WHEN r.n = 1 AND r.h % 7 = 0 THEN 'HELD'
                WHEN r.n <= r.total / 2 THEN 'PAID'
                WHEN r.n < r.total THEN 'APPROVED'
                ELSE 'PENDING' END,
           CASE WHEN r.n = 1 AND r.h % 7 = 0 THEN 'Agreement with the gold set below the written 70% bar on this batch; under review.' END,
           (${at}::timestamptz AT TIME ZONE 'UTC')
    FROM rows r
    ON CONFLICT DO NOTHING`;

  // First paid work: the earliest accepted entry.
  await tx.$executeRaw`
    UPDATE "Engagement" e SET "firstWorkDate" = f.first
    FROM (SELECT "applicationId", MIN("workDate") AS first FROM "WorkEntry" WHERE review = 'ACCEPTED' GROUP BY "applicationId") f
    WHERE f."applicationId" = e."applicationId"`;
  return { engagements, entries };
}
