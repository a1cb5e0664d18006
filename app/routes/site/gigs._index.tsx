import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useRef } from "react";
import { FacetGroup, FiltersPanel } from "~/components/facets";
import { Pager } from "~/components/pager";
import { GigCard, genreLabel, taskLabel } from "~/components/gig";
import { languageName } from "~/domain/profile";
import { modalityLabel } from "~/domain/taxonomy";
import { HOURS_BANDS, PAY_BANDS } from "~/search/indexes";
import { SearchUnavailable, gigSearchSchema, paramsToObject, searchGigs } from "~/services/search.server";
import { getSessionUser } from "~/session.server";

export const meta: MetaFunction = () => [{ title: "Gigs · Second Act" }];

const bandLabel = (k: string) =>
  PAY_BANDS.find((b) => b.key === k)?.label ??
  HOURS_BANDS.find((b) => b.key === k)?.label ??
  (k === "flexible" ? "Flexible hours" : k === "unknown" ? "Pay not set" : k);

const PAY_ORDER = ["unknown", ...PAY_BANDS.map((b) => b.key)];
const HOURS_ORDER = [...HOURS_BANDS.map((b) => b.key), "flexible"];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const raw = paramsToObject(new URL(request.url).searchParams);
  // Invalid filters are dropped rather than failing the page.
  const parsed = gigSearchSchema.safeParse(raw);
  const params = parsed.success ? parsed.data : gigSearchSchema.parse({ q: typeof raw.q === "string" ? raw.q.slice(0, 200) : "" });
  try {
    return { params, results: await searchGigs(params, user), error: null, personal: Boolean(user?.profileId) };
  } catch (e) {
    if (e instanceof SearchUnavailable) return { params, results: null, error: e.message, personal: false };
    throw e;
  }
}

export default function GigSearch() {
  const { params, results, error, personal } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const busy = useNavigation().state === "loading";
  const chosen =
    params.taskTypes.length +
    params.modality.length +
    params.payBand.length +
    params.hoursBand.length +
    params.languages.length +
    params.genres.length;
  const refresh = (delay = 0) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => form.current && submit(form.current, { replace: true, preventScrollReset: true }), delay);
  };
  const pageHref = (p: number) => {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params))
      for (const item of Array.isArray(v) ? v : [v]) if (item !== "" && k !== "page") sp.append(k, String(item));
    sp.set("page", String(p));
    return `?${sp}`;
  };
  return (
    <div>
      <h1>Gigs</h1>
      <Form method="get" ref={form} className="search-layout" role="search" aria-label="Search gigs">
        <div className="row search-bar">
          <div className="field grow">
            <label htmlFor="q">Search gigs</label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={params.q}
              placeholder="e.g. dialogue, comedic timing, shot annotation"
              onChange={() => refresh(250)}
            />
          </div>
          <div className="field">
            <label htmlFor="sort">Sort by</label>
            <select id="sort" name="sort" defaultValue={params.sort} onChange={() => refresh()}>
              <option value="relevance">Relevance</option>
              {personal && <option value="match">Best match for me</option>}
              <option value="newest">Newest</option>
              <option value="pay">Pay</option>
            </select>
          </div>
          <button type="submit">Search</button>
        </div>
        <FiltersPanel count={chosen}>
          <FacetGroup
            name="taskTypes"
            legend="Task type"
            options={results?.facets.taskTypes}
            selected={params.taskTypes}
            label={taskLabel}
            onChange={() => refresh()}
          />
          <FacetGroup
            name="modality"
            legend="Modality"
            options={results?.facets.modality}
            selected={params.modality}
            label={modalityLabel}
            onChange={() => refresh()}
          />
          <FacetGroup
            name="payBand"
            legend="Pay (hourly equivalent)"
            options={results?.facets.payBand}
            selected={params.payBand}
            label={bandLabel}
            order={PAY_ORDER}
            onChange={() => refresh()}
          />
          <FacetGroup
            name="hoursBand"
            legend="Hours"
            options={results?.facets.hoursBand}
            selected={params.hoursBand}
            label={bandLabel}
            order={HOURS_ORDER}
            onChange={() => refresh()}
          />
          <FacetGroup
            name="languages"
            legend="Languages"
            options={results?.facets.languages}
            selected={params.languages}
            label={languageName}
            onChange={() => refresh()}
          />
          <FacetGroup
            name="genres"
            legend="Genres"
            options={results?.facets.genres}
            selected={params.genres}
            label={genreLabel}
            onChange={() => refresh()}
          />
        </FiltersPanel>
        <section className="stack search-results">
          {error && (
            <p className="alert warn" role="status">
              {error}
            </p>
          )}
          {results && (
            <p className="muted" aria-live="polite">
              {busy ? "Searching..." : `${results.total} open gig${results.total === 1 ? "" : "s"}`}
              {!personal && (
                <>
                  {" "}
                  · <Link to="/login?next=/gigs">Log in</Link> as a professional to see your match on each gig
                </>
              )}
            </p>
          )}
          {results?.items.length === 0 && <p className="empty">No gigs match. Try fewer filters or other words.</p>}
          <h2 className="visually-hidden">Results</h2>
          <div className="grid">
            {results?.items.map((g) => (
              <GigCard key={g.id} gig={g} />
            ))}
          </div>
          {results && <Pager page={results.page} totalPages={results.totalPages} href={pageHref} label="Result pages" />}
        </section>
      </Form>
    </div>
  );
}
