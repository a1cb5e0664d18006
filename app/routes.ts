/**
 * The route table. Route files live in one folder per audience; inside a folder Remix's flat-route
 * convention applies unchanged, so a file's name is still its URL (`coord/coord.gigs.$id.tsx` is
 * /coord/gigs/:id). Each page folder sits under a pathless section layout (`routes/_section.tsx`)
 * whose error boundary keeps the site navigation when a page in that section fails.
 *
 * | folder   | for whom                                           |
 * |----------|----------------------------------------------------|
 * | site/    | everyone: home, gigs, public lab pages, legal, credential checks, health |
 * | auth/    | signing up, in and out, password and email links   |
 * | me/      | the signed-in person: profile, applications, account, notifications |
 * | lab/     | a lab's own workspace: gigs, members, tokens, settings |
 * | talent/  | labs and coordinators looking for people            |
 * | coord/   | coordinators: board, candidates, rules, SLAs, insights |
 * | admin/   | administrators                                      |
 * | api/     | JSON endpoints (no layout)                          |
 */
import { flatRoutes } from "@remix-run/fs-routes";
import { type RouteConfig, layout } from "@remix-run/route-config";

const SECTIONS = ["site", "auth", "me", "lab", "talent", "coord", "admin"] as const;

const sections = await Promise.all(
  SECTIONS.map(async (name) =>
    layout("routes/_section.tsx", { id: `section-${name}` }, await flatRoutes({ rootDirectory: `routes/${name}` })),
  ),
);

export default [...sections, ...(await flatRoutes({ rootDirectory: "routes/api" }))] satisfies RouteConfig;
