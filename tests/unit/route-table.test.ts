/**
 * The route table is computed once per build, not per request (decision 0028): the patches to
 * @remix-run/react (RemixServer's server routes), react-router-dom/server (the static router's data
 * routes) and @remix-run/router (ranked branches per array, match results per route-tree shape).
 *
 * The packages are loaded with require(), as the production server loads them (CommonJS `main`;
 * the patches touch only those files), not through vite's resolver, which may pick the ESM build.
 */
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const React = require("react") as typeof import("react");
const { renderToString } = require("react-dom/server") as typeof import("react-dom/server");
const { RemixServer } = require("@remix-run/react") as typeof import("@remix-run/react");
const { Outlet, useParams, UNSAFE_DataRouterContext } = require("react-router-dom") as typeof import("react-router-dom");
const { createStaticHandler, matchRoutes } = require("@remix-run/router") as typeof import("@remix-run/router");

type AnyRoute = { id?: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: AnyRoute[] };

// A three-route app: root layout, /about, /gigs/:gigId, and an index route.
const manifestRoutes = {
  root: {
    id: "root",
    path: "",
    hasAction: false,
    hasLoader: false,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: false,
    module: "/root.js",
  },
  index: {
    id: "index",
    parentId: "root",
    index: true,
    hasAction: false,
    hasLoader: false,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: false,
    module: "/index.js",
  },
  about: {
    id: "about",
    parentId: "root",
    path: "about",
    hasAction: false,
    hasLoader: false,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: false,
    module: "/about.js",
  },
  gig: {
    id: "gig",
    parentId: "root",
    path: "gigs/:gigId",
    hasAction: false,
    hasLoader: false,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: false,
    module: "/gig.js",
  },
};
const manifest = { routes: manifestRoutes, entry: { module: "/entry.js", imports: [] }, url: "/manifest.js", version: "test" };
const handlerRoutes = [
  {
    id: "root",
    path: "",
    children: [
      { id: "index", index: true },
      { id: "about", path: "about" },
      { id: "gig", path: "gigs/:gigId" },
    ],
  },
];
const future = {
  v3_fetcherPersist: false,
  v3_relativeSplatPath: false,
  v3_throwAbortReason: false,
  v3_singleFetch: false,
  v3_lazyRouteDiscovery: false,
  v3_optimizeDeps: false,
  unstable_optimizeDeps: false,
  v3_routeConfig: true,
};

const seenRouteArrays: unknown[] = [];
function makeModules(rootLabel: string) {
  return {
    root: {
      default: function Root() {
        seenRouteArrays.push(React.useContext(UNSAFE_DataRouterContext)?.router.routes);
        return React.createElement("main", null, rootLabel, React.createElement(Outlet));
      },
    },
    index: { default: () => React.createElement("p", null, "home") },
    about: { default: () => React.createElement("p", null, "about page") },
    gig: { default: () => React.createElement("p", null, `gig ${useParams().gigId}`) },
  };
}
const modules = makeModules("v1");

async function render(url: string, routeModules: Record<string, unknown>): Promise<string> {
  const context = await createStaticHandler(handlerRoutes).query(new Request(`http://localhost${url}`));
  if (context instanceof Response) throw new Error("unexpected response");
  // A fresh routeModules object per request, as the server runtime hands over (same modules).
  const entryContext = {
    manifest,
    routeModules: { ...routeModules },
    staticHandlerContext: context,
    serverHandoffString: "{}",
    future,
    isSpaMode: false,
    serializeError: (e: Error) => ({ message: e.message }),
  };
  return renderToString(React.createElement(RemixServer, { context: entryContext as never, url: `http://localhost${url}` }));
}

describe("RemixServer's route table", () => {
  it("is the same array on every request of one build (the router's per-array caches hit)", async () => {
    seenRouteArrays.length = 0;
    expect(await render("/about", modules)).toContain("about page");
    expect(await render("/about", modules)).toContain("about page");
    expect(await render("/gigs/g1", modules)).toContain("gig g1");
    expect(await render("/gigs/g2", modules)).toContain("gig g2");
    expect(await render("/", modules)).toContain("home");
    expect(seenRouteArrays).toHaveLength(5);
    for (const routes of seenRouteArrays) expect(routes).toBe(seenRouteArrays[0]);
  });

  it("is rebuilt when the route modules change (a new build or a dev rebuild)", async () => {
    seenRouteArrays.length = 0;
    expect(await render("/about", modules)).toContain("v1");
    const next = makeModules("v2");
    const html = await render("/about", next);
    expect(html).toContain("v2");
    expect(html).toContain("about page");
    expect(seenRouteArrays[1]).not.toBe(seenRouteArrays[0]);
  });
});

describe("matchRoutes with the per-shape memo", () => {
  const tree = (): AnyRoute[] => [
    {
      id: "root",
      path: "",
      children: [
        { id: "home", index: true },
        { id: "gig", path: "gigs/:gigId" },
        { id: "gigNew", path: "gigs/new" },
        { id: "lab", path: "labs/:slug?/people" },
        { id: "Case", path: "Case", caseSensitive: true },
        { id: "splat", path: "*" },
      ],
    },
  ];
  type Match = { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; route: AnyRoute };
  // AnyRoute is looser than the router's index/non-index union; the trees built here respect it.
  const match = (routes: AnyRoute[], path: string) => matchRoutes(routes as never, path) as unknown as Match[] | null;

  it("binds each call to its own array's route objects, with fresh match and params objects", () => {
    const a = tree();
    const b = tree();
    const first = match(a, "/gigs/gig_1")!;
    first[0]!.params.gigId = "tampered";
    first.push(first[0]!);
    const again = match(a, "/gigs/gig_1")!;
    const other = match(b, "/gigs/gig_1")!;
    expect(again.map((m) => m.route.id)).toEqual(["root", "gig"]);
    expect(again[1]!.params).toEqual({ gigId: "gig_1" });
    expect(again[0]!.params).toBe(again[1]!.params); // one params object per result, as the router does
    expect(again[1]!.route).toBe(a[0]!.children![1]);
    expect(other[1]!.route).toBe(b[0]!.children![1]);
    expect(other[1]!.params).not.toBe(again[1]!.params);
    expect(match(b, "/gigs/new")![1]!.route.id).toBe("gigNew");
    expect(match(b, "/case")![1]!.route.id).toBe("splat");
    expect(match(b, "/Case")![1]!.route.id).toBe("Case");
    expect(match(b, "/labs/people")![1]!.params).toEqual({ slug: undefined, "*": undefined });
  });

  it("gives the same result as a fresh scan, for random trees and paths (property)", () => {
    const seg = fc.constantFrom("a", "b", ":p", ":q?", "c?", "*", "A");
    const route: fc.Memo<AnyRoute> = fc.memo((depth) =>
      fc.record({
        path: fc.option(
          fc.array(seg, { minLength: 1, maxLength: 2 }).map((s) => s.join("/")),
          { nil: undefined },
        ),
        index: fc.boolean(),
        caseSensitive: fc.boolean(),
        children: depth > 1 ? fc.array(route(depth - 1), { maxLength: 3 }) : fc.constant([]),
      }),
    );
    const clean = (r: AnyRoute, id: string): AnyRoute =>
      r.index || !r.children?.length
        ? { id, path: r.path, index: r.index, caseSensitive: r.caseSensitive }
        : { id, path: r.path, caseSensitive: r.caseSensitive, children: r.children.map((c, i) => clean(c, `${id}.${i}`)) };
    const pathArb = fc.array(fc.constantFrom("a", "b", "A", "x", "c"), { maxLength: 4 }).map((s) => `/${s.join("/")}`);
    let unique = 0;
    fc.assert(
      fc.property(fc.array(route(3), { minLength: 1, maxLength: 4 }), fc.array(pathArb, { minLength: 1, maxLength: 6 }), (raw, paths) => {
        const routes = raw.map((r, i) => clean(r, String(i)));
        const twin = structuredClone(routes);
        const twinRoutes = new Set<AnyRoute>();
        const collect = (rs: AnyRoute[]) => {
          for (const r of rs) {
            twinRoutes.add(r);
            collect(r.children ?? []);
          }
        };
        collect(twin);
        for (const path of [...paths, ...paths]) {
          // Reference: the same tree plus one sibling no generated path can reach, so a shape never
          // seen before (no memo entry): a real scan.
          let reference: Match[] | null;
          try {
            reference = match([...structuredClone(routes), { id: "ref", path: `__ref_${unique++}` }], path);
          } catch {
            return; // an invalid random tree (e.g. an absolute child path) throws before matching
          }
          const shape = (ms: Match[] | null) =>
            ms?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, base: m.pathnameBase })) ?? null;
          expect(shape(match(routes, path))).toEqual(shape(reference));
          const inTwin = match(twin, path);
          expect(shape(inTwin)).toEqual(shape(reference));
          for (const m of inTwin ?? []) expect(twinRoutes.has(m.route)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
