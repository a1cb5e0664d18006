/**
 * The gig page's reads in ONE statement on the bare pg pool (app/sql.server.ts, decision 0033): the
 * gig with its lab and logo hash (`gigWithLab`), its term changes newest first (`termChangeViews`),
 * the viewer's application (`applicationOf`), the viewer's MatchPerson (`loadViewerPerson`) and, for
 * a viewer who may manage a lab, the applications per stage (`gigPipelineCounts`). Those were five
 * statements (four through Prisma). tests/integration/gig-page-reads.test.ts compares each part
 * with the function it replaces on the seeded data, for every gig and every viewer.
 */
import type { Stage } from "~/generated/prisma/client";
import { row, sql } from "~/sql.server";
import { type GigLabRow, type GigWithLab, type TermChangeView, termChangeView, withLab } from "./gigs.server";
import { VIEWER_PERSON_JSON, type ViewerPerson, type ViewerPersonRow, viewerPersonOf } from "./people.server";

export interface GigPageReads {
  gig: GigWithLab;
  termChanges: TermChangeView[];
  /** The viewer's application to this gig (id and stage), or null (also without a profile). */
  application: { id: string; stage: Stage } | null;
  /** The viewer's MatchPerson, or null without a profile. */
  person: ViewerPerson | null;
  /** Applications per stage, only when asked (`pipeline: true`), else null. */
  pipeline: { stage: Stage; count: number }[] | null;
}

type PageRow = GigLabRow & {
  __termChanges: Parameters<typeof termChangeView>[0][];
  __application: { id: string; stage: Stage } | null;
  __person: ViewerPersonRow | null;
  __pipeline: { stage: Stage; count: number }[] | null;
};

/**
 * Everything the gig page reads besides the session and the recommended candidates, or null when
 * there is no such gig. `profileId`: the viewer's profile (null: no application, no person).
 * `pipeline`: read the applications per stage (the caller still decides with canManageLab whether
 * the viewer sees them).
 */
export async function gigPageReads(id: string, opts: { profileId: string | null; pipeline: boolean }): Promise<GigPageReads | null> {
  const found = await row<PageRow>(sql`
    SELECT g.*, l.slug AS "__labSlug", l.name AS "__labName", l.description AS "__labDescription", l.website AS "__labWebsite",
           l."createdAt" AS "__labCreatedAt", l."updatedAt" AS "__labUpdatedAt", lo.sha256 AS "__logoSha256",
           (SELECT coalesce(json_agg(json_build_object(
                     'id', tc.id, 'kind', tc.kind, 'before', tc.before, 'after', tc.after,
                     'promisedNoticeDays', tc."promisedNoticeDays", 'actualNoticeDays', tc."actualNoticeDays",
                     'withinPromise', tc."withinPromise", 'reason', tc.reason,
                     'createdAt', to_char(tc."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                   ORDER BY tc."createdAt" DESC, tc.id DESC), '[]'::json)
              FROM "GigTermChange" tc WHERE tc."gigId" = g.id) AS "__termChanges",
           (SELECT json_build_object('id', a.id, 'stage', a.stage)
              FROM "Application" a WHERE a."profileId" = ${opts.profileId}::text AND a."gigId" = g.id) AS "__application",
           (SELECT ${VIEWER_PERSON_JSON}
              FROM "Profile" p WHERE p.id = ${opts.profileId}::text) AS "__person",
           CASE WHEN ${opts.pipeline}::boolean THEN
             (SELECT coalesce(json_agg(json_build_object('stage', s.stage, 'count', s.count)), '[]'::json)
                FROM (SELECT a.stage, count(*)::int AS count FROM "Application" a WHERE a."gigId" = g.id GROUP BY a.stage) s)
           END AS "__pipeline"
    FROM "Gig" g
    JOIN "Lab" l ON l.id = g."labId"
    LEFT JOIN "LabLogo" lo ON lo."labId" = l.id
    WHERE g.id = ${id}`);
  if (!found) return null;
  const { __termChanges, __application, __person, __pipeline, ...gig } = found;
  return {
    gig: withLab(gig),
    termChanges: __termChanges.map(termChangeView),
    application: __application,
    person: __person ? viewerPersonOf(__person) : null,
    pipeline: __pipeline,
  };
}
