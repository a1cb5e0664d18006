/**
 * The search workload every engine figure of `npm run bench` uses (scripts/bench/inproc.ts and
 * scripts/bench/engines.ts): ten gig-search shapes (text + up to two filters + six facets) and ten
 * talent-search shapes (text + language, minimum hours and a task-score filter + six facets), each
 * as an engine query and as the equivalent PostgreSQL-only SQL (to_tsvector + GROUP BY facets).
 */
import type pg from "pg";
import { GENRE_KEYS, TASK_TYPE_KEYS } from "~/domain/taxonomy";
import type { SearchEngine } from "~/search/engine.server";
import { GIGS_INDEX, PEOPLE_INDEX, scoreField } from "~/search/indexes";

export function searchWorkload(engine: SearchEngine | null, pgc: pg.Client) {
  const gigWords = ["dialogue", "sitcom", "comedy", "script", "editing", "review", "drama", "timing", "writers", "story"];
  const gigQueries = gigWords.map((q, i) => ({
    q,
    taskTypes: i % 2 === 0 ? [TASK_TYPE_KEYS[i % TASK_TYPE_KEYS.length]] : [],
    genres: i % 3 === 0 ? [GENRE_KEYS[i % GENRE_KEYS.length]] : [],
  }));
  const gigFacets = ["taskTypes", "modality", "genres", "languages", "payBand", "hoursBand"];
  const engineGig = (i: number) => {
    const x = gigQueries[i % gigQueries.length];
    const filters = [];
    if (x.taskTypes.length) filters.push({ field: "taskTypes", op: "in" as const, values: x.taskTypes });
    if (x.genres.length) filters.push({ field: "genres", op: "in" as const, values: x.genres });
    return need().search(GIGS_INDEX, { q: x.q, filters, facets: gigFacets, page: 1, perPage: 20, highlight: ["title"] });
  };
  const talentWords = ["writer", "editor", "comedy", "producer", "director", "script", "drama", "story", "camera", "casting"];
  const langs = ["en", "es", "fr", "de"];
  const talentQueries = talentWords.map((q, i) => ({
    q,
    lang: langs[i % langs.length],
    minHours: [5, 10, 15, 20][i % 4],
    task: TASK_TYPE_KEYS[(i * 3) % TASK_TYPE_KEYS.length],
    min: 30,
  }));
  const talentFacets = ["topTasks", "languages", "formats", "genres", "departments", "hasVerified"];
  const engineTalent = (i: number) => {
    const x = talentQueries[i % talentQueries.length];
    return need().search(PEOPLE_INDEX, {
      q: x.q,
      filters: [
        { field: "languages", op: "all", values: [x.lang] },
        { field: "hoursPerWeek", op: "range", gte: x.minHours },
        { field: scoreField(x.task), op: "range", gte: x.min },
      ],
      facets: talentFacets,
      page: 1,
      perPage: 20,
      highlight: ["headline"],
    });
  };
  const PAY_CASE = `CASE WHEN "payAmountCents" IS NULL OR "payUnit" <> 'HOUR' THEN 'other' WHEN "payAmountCents" < 2500 THEN 'under_25' WHEN "payAmountCents" < 5000 THEN '25_50' WHEN "payAmountCents" < 7500 THEN '50_75' ELSE '75_plus' END`;
  const HOURS_CASE = `CASE WHEN "hoursPerWeek" IS NULL THEN 'flexible' WHEN "hoursPerWeek" <= 10 THEN 'up_to_10' WHEN "hoursPerWeek" <= 20 THEN '11_20' ELSE '21_plus' END`;
  const pgGigSql = `
    WITH m AS MATERIALIZED (
      SELECT g.id, g."taskTypes", g.modality, g.genres, g.languages, g."hoursPerWeek", g."payAmountCents", g."payUnit",
             ts_rank(to_tsvector('english', g.title || ' ' || l.name || ' ' || g.description), plainto_tsquery('english', $1)) AS rank
      FROM "Gig" g JOIN "Lab" l ON l.id = g."labId"
      WHERE g.status = 'OPEN'
        AND to_tsvector('english', g.title || ' ' || l.name || ' ' || g.description) @@ plainto_tsquery('english', $1)
        AND (cardinality($2::text[]) = 0 OR g."taskTypes" && $2::text[])
        AND (cardinality($3::text[]) = 0 OR g.genres && $3::text[]))
    SELECT 'total' AS f, NULL::text AS v, count(*)::bigint AS c FROM m
    UNION ALL (SELECT 'page', id, 0 FROM m ORDER BY rank DESC, id LIMIT 20)
    UNION ALL SELECT 'taskTypes', t, count(*) FROM m, unnest(m."taskTypes") t GROUP BY t
    UNION ALL SELECT 'modality', modality, count(*) FROM m GROUP BY modality
    UNION ALL SELECT 'genres', t, count(*) FROM m, unnest(m.genres) t GROUP BY t
    UNION ALL SELECT 'languages', t, count(*) FROM m, unnest(m.languages) t GROUP BY t
    UNION ALL SELECT 'payBand', ${PAY_CASE}, count(*) FROM m GROUP BY 2
    UNION ALL SELECT 'hoursBand', ${HOURS_CASE}, count(*) FROM m GROUP BY 2`;
  const pgGig = (i: number) => {
    const x = gigQueries[i % gigQueries.length];
    return pgc.query(pgGigSql, [x.q, x.taskTypes, x.genres]);
  };
  const pgTalentSql = `
    WITH m AS MATERIALIZED (
      SELECT p.id, p."languageCodes", p."transferScores",
             ts_rank(to_tsvector('english', p."displayName" || ' ' || p.headline || ' ' || p.bio), plainto_tsquery('english', $1)) AS rank
      FROM "Profile" p
      WHERE to_tsvector('english', p."displayName" || ' ' || p.headline || ' ' || p.bio) @@ plainto_tsquery('english', $1)
        AND p."languageCodes" @> ARRAY[$2::text]
        AND p."hoursPerWeek" >= $3
        AND COALESCE((p."transferScores"->>$4)::numeric, 0) >= $5),
    c AS MATERIALIZED (SELECT cr."profileId", cr.format, cr.genres, cr.department, cr."verifiedAt" FROM "Credit" cr JOIN m ON m.id = cr."profileId")
    SELECT 'total' AS f, NULL::text AS v, count(*)::bigint AS c FROM m
    UNION ALL (SELECT 'page', id, 0 FROM m ORDER BY rank DESC, id LIMIT 20)
    UNION ALL SELECT 'languages', t, count(*) FROM m, unnest(m."languageCodes") t GROUP BY t
    UNION ALL SELECT 'topTasks', e.k, count(*) FROM m, jsonb_each_text(m."transferScores") e(k, v) WHERE e.v::numeric >= 50 GROUP BY e.k
    UNION ALL SELECT 'formats', format, count(DISTINCT "profileId") FROM c GROUP BY format
    UNION ALL SELECT 'genres', t, count(DISTINCT "profileId") FROM c, unnest(c.genres) t GROUP BY t
    UNION ALL SELECT 'departments', department, count(DISTINCT "profileId") FROM c GROUP BY department
    UNION ALL SELECT 'hasVerified', hv::text, count(*) FROM (SELECT m.id, EXISTS (SELECT 1 FROM c WHERE c."profileId" = m.id AND c."verifiedAt" IS NOT NULL) AS hv FROM m) x GROUP BY hv`;
  const pgTalent = (i: number) => {
    const x = talentQueries[i % talentQueries.length];
    return pgc.query(pgTalentSql, [x.q, x.lang, x.minHours, x.task, x.min]);
  };
  const need = () => {
    if (!engine) throw new Error("no engine in this workload");
    return engine;
  };
  return {
    gigQueries,
    talentQueries,
    engineGig: (i: number) => {
      need();
      return engineGig(i);
    },
    engineTalent: (i: number) => {
      need();
      return engineTalent(i);
    },
    pgGig,
    pgTalent,
  };
}
