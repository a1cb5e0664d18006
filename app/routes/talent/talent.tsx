import { getFormProps } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useRouteLoaderData, useSubmit } from "@remix-run/react";
import { useRef } from "react";
import { type SubmissionResult, parseSubmission, useAppForm } from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { FacetGroup, FiltersPanel } from "~/components/facets";
import { genreLabel, taskLabel } from "~/components/gig";
import { PersonSummary } from "~/components/person-summary";
import { Pager } from "~/components/pager";
import { stageLabel } from "~/domain/onboarding";
import { languageName } from "~/domain/profile";
import { TASK_TYPES, departmentLabel, formatLabel } from "~/domain/taxonomy";
import { talentInviteSchema } from "~/domain/coord-forms";
import { redirectWithFlash } from "~/flash.server";
import { readForm } from "~/http.server";
import { requireRole } from "~/permissions.server";
import { inviteToGig } from "~/services/applications.server";
import { SearchUnavailable, paramsToObject, searchTalent, talentSearchSchema, talentSort } from "~/services/search.server";
import { inviteTargets, stagesOnGig } from "~/services/talent.server";

export const meta: MetaFunction = () => [{ title: "Talent search · Second Act" }];

const ROLES = ["LAB_MEMBER", "COORDINATOR", "ADMIN"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ...ROLES);
  const parsed = talentSearchSchema.safeParse(paramsToObject(new URL(request.url).searchParams));
  const params = parsed.success ? parsed.data : talentSearchSchema.parse({});
  const problem = parsed.success ? null : (parsed.error.issues[0]?.message ?? "Some filters were not valid and were ignored.");
  const targets = await inviteTargets(user, params.gig);
  try {
    const results = await searchTalent(params, user);
    const stages = targets.chosen
      ? await stagesOnGig(
          targets.chosen.id,
          results.items.map((p) => p.id),
        )
      : {};
    return { params, sort: talentSort(params), problem, results, error: null, targets, stages };
  } catch (e) {
    if (e instanceof SearchUnavailable)
      return { params, sort: talentSort(params), problem, results: null, error: e.message, targets, stages: {} };
    throw e;
  }
}

/** A refused invitation: the Conform result, and the person's row it is shown in. */
type Refusal = { profileId: string; result: SubmissionResult<string[]> };

/**
 * Invites one person from the results to the chosen gig, then sends the browser back to the same
 * results page (post/redirect/get), at the person's row, where a one-time confirmation is shown.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireRole(request, ...ROLES);
  const form = await readForm(request, context);
  const submission = parseSubmission(form, talentInviteSchema);
  const rowOf = String(form.get("profileId") ?? "").slice(0, 40);
  if (submission.status !== "success")
    return data<Refusal>({ profileId: rowOf, result: submission.reply({ hideFields: ["_csrf"] }) }, { status: 400 });
  const { profileId, gig } = submission.value;
  const r = await inviteToGig(profileId, gig, {
    id: user.id,
    role: user.role,
    profileId: user.profileId,
    labId: user.labId,
    ip: context.ip,
  });
  if (!r.ok) {
    const status = r.status >= 400 && r.status < 500 ? r.status : 400;
    return data<Refusal>({ profileId, result: submission.reply({ formErrors: [r.message], hideFields: ["_csrf"] }) }, { status });
  }
  const url = new URL(request.url);
  url.searchParams.delete("index");
  return redirectWithFlash(request, `/talent${url.search}#person-${profileId}`, "Invitation sent.", { about: `person-${profileId}` });
}

/** The search's filters for "Save this filter as a screener" (not the page, the sort or the gig). */
function screenerQuery(search: string): string {
  const sp = new URLSearchParams(search);
  for (const k of ["page", "sort", "gig", "index"]) sp.delete(k);
  const rest = sp.toString();
  return rest ? `?${rest}` : "";
}

export default function Talent() {
  const { params, sort, results, error, problem, targets, stages } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as Refusal | undefined;
  // The one-time confirmation of an invitation (a flash about that person's row).
  const flash = (useRouteLoaderData("root") as { flash?: { about?: string } | null } | undefined)?.flash;
  const [inviteForm] = useAppForm({ id: "invite", schema: talentInviteSchema, lastResult: failed?.result });
  const { search } = useLocation();
  const navigation = useNavigation();
  const submit = useSubmit();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const refresh = (delay = 0) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => form.current && submit(form.current, { replace: true, preventScrollReset: true }), delay);
  };
  const pageHref = (p: number) => {
    const sp = new URLSearchParams(search);
    sp.set("page", String(p));
    return `?${sp}`;
  };
  const chosenCount =
    params.languages.length + params.departments.length + params.formats.length + params.genres.length + params.task.length;
  const taskRows = [0, 1, 2];
  const inviting =
    navigation.state !== "idle" && navigation.formData?.get("intent") === "invite" ? String(navigation.formData.get("profileId")) : null;
  return (
    <div>
      <h1>Talent search</h1>
      <p className="muted">
        Search credits and headlines, filter on transfer scores, and invite people to a gig from the results.{" "}
        {results?.canFilterRate ? "" : "Rates and demographics are private and are not searchable by labs."}
      </p>
      <p className="small">
        <Link to={`/talent/screeners${screenerQuery(search)}`}>Save this filter as a screener</Link> ·{" "}
        <Link to="/talent/screeners">Saved screeners</Link>
      </p>
      {problem && <p className="alert warn">{problem}</p>}
      <Form method="get" ref={form} className="search-layout" role="search" aria-label="Search talent">
        <div className="search-bar stack">
          <div className="row">
            <div className="field grow">
              <label htmlFor="q">Search credits and headlines</label>
              <input
                id="q"
                name="q"
                type="search"
                defaultValue={params.q}
                placeholder="e.g. showrunner, procedural, documentary editor"
                onChange={() => refresh(250)}
              />
            </div>
            <div className="field">
              <label htmlFor="sort">Sort by</label>
              <select id="sort" name="sort" defaultValue={sort} onChange={() => refresh()}>
                <option value="relevance">Relevance</option>
                <option value="score">{params.task[0] ? `${taskLabel(params.task[0])} score` : "Best transfer score"}</option>
              </select>
            </div>
            <button type="submit">Search</button>
          </div>
          <div className="field">
            <label htmlFor="invite-gig">Invite to</label>
            {targets.gigs.length === 0 ? (
              <p className="small muted">Open a gig to invite people to it from here.</p>
            ) : (
              <select id="invite-gig" name="gig" defaultValue={targets.chosen?.id ?? ""} onChange={() => refresh()}>
                <option value="">Choose a gig to invite people to…</option>
                {targets.gigs.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.title} ({g.labName})
                  </option>
                ))}
              </select>
            )}
          </div>
        </div>
        <FiltersPanel count={chosenCount}>
          <fieldset className="field">
            <legend>Transfer scores (up to 3)</legend>
            {taskRows.map((i) => (
              <div className="row" key={i}>
                <label className="small">
                  Task type{" "}
                  <select name="task" defaultValue={params.task[i] ?? ""}>
                    <option value="">Any</option>
                    {TASK_TYPES.map((t) => (
                      <option key={t.key} value={t.key}>
                        {t.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="small">
                  at least <input name="min" type="number" min={0} max={100} defaultValue={params.min[i] ?? 70} style={{ width: "5em" }} />
                </label>
              </div>
            ))}
          </fieldset>
          <FacetGroup
            name="languages"
            legend="Languages"
            options={results?.facets.languages}
            selected={params.languages}
            label={languageName}
            onChange={() => refresh()}
          />
          <FacetGroup
            name="departments"
            legend="Departments"
            options={results?.facets.departments}
            selected={params.departments}
            label={departmentLabel}
            onChange={() => refresh()}
          />
          <FacetGroup
            name="formats"
            legend="Formats"
            options={results?.facets.formats}
            selected={params.formats}
            label={formatLabel}
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
          <div className="stack">
            <label className="small">
              Min hours/week{" "}
              <input name="minHours" type="number" min={0} max={80} defaultValue={params.minHours ?? ""} style={{ width: "5em" }} />
            </label>
            {results?.canFilterRate && (
              <label className="small">
                Max hourly rate <input name="maxRate" type="number" min={0} defaultValue={params.maxRate ?? ""} style={{ width: "6em" }} />
              </label>
            )}
            <span className="small">
              <label>
                UTC offset from{" "}
                <input name="tzMin" type="number" min={-12} max={14} defaultValue={params.tzMin ?? ""} style={{ width: "4em" }} />
              </label>{" "}
              <label>
                to <input name="tzMax" type="number" min={-12} max={14} defaultValue={params.tzMax ?? ""} style={{ width: "4em" }} />
              </label>
            </span>
            <label className="small">
              <input type="checkbox" name="verified" value="1" defaultChecked={params.verified === "1"} /> Has verified credits
            </label>
            <button type="submit" className="secondary small">
              Apply filters
            </button>
          </div>
          {results && Object.keys(results.topTasks).length > 0 && (
            <div className="small">
              <strong>Strong in (score 50+)</strong>
              <ul>
                {Object.entries(results.topTasks)
                  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
                  .slice(0, 8)
                  .map(([k, n]) => (
                    <li key={k}>
                      {taskLabel(k)} ({n})
                    </li>
                  ))}
              </ul>
            </div>
          )}
        </FiltersPanel>
        <section className="stack search-results" aria-labelledby="results-h">
          <h2 id="results-h" className="visually-hidden">
            Results
          </h2>
          {error && (
            <p className="alert warn" role="status">
              {error}
            </p>
          )}
          {results && (
            <p className="muted" aria-live="polite">
              {`${results.total} ${results.total === 1 ? "person" : "people"}`}
              {results.totalPages > 1 ? `, page ${results.page} of ${results.totalPages}` : ""}
              {sort === "score" ? ` · sorted by ${params.task[0] ? `${taskLabel(params.task[0])} score` : "best transfer score"}` : ""}
            </p>
          )}
          {results?.items.length === 0 && <p className="empty">Nobody matches these filters.</p>}
          {results && results.items.length > 0 && (
            <>
              <ol className="people-list">
                {results.items.map((p) => {
                  const stage = stages[p.id];
                  const problemHere = failed && failed.profileId === p.id ? Object.values(failed.result.error ?? {}).flat()[0] : null;
                  const justInvited = flash?.about === `person-${p.id}`;
                  return (
                    <li key={p.id} id={`person-${p.id}`} className="card person-row">
                      <PersonSummary person={p} />
                      {targets.chosen && (
                        <div className="person-action">
                          {stage ? (
                            <span className={`pill${stage === "INVITED" ? " ok" : ""}`}>{stageLabel(stage)}</span>
                          ) : (
                            <button
                              type="submit"
                              form="invite"
                              name="profileId"
                              value={p.id}
                              className="small"
                              disabled={inviting === p.id}
                            >
                              {inviting === p.id ? "Inviting…" : "Invite"}
                              <span className="visually-hidden">{` ${p.displayName} to ${targets.chosen.title}`}</span>
                            </button>
                          )}
                        </div>
                      )}
                      {targets.chosen && stage === "INVITED" && (
                        <p className="person-note small" role="status">
                          {justInvited
                            ? `Invited to “${targets.chosen.title}”. ${p.displayName} has been notified.`
                            : `Invited to “${targets.chosen.title}”.`}
                        </p>
                      )}
                      {problemHere && (
                        <p className="person-note field-error" role="alert">
                          {problemHere}
                        </p>
                      )}
                    </li>
                  );
                })}
              </ol>
              <Pager page={results.page} totalPages={results.totalPages} href={pageHref} label="Result pages" />
            </>
          )}
        </section>
      </Form>
      {targets.chosen && (
        // One form for every "Invite" button in the results (they name it with form="invite"), kept
        // outside the search form because forms cannot nest.
        <Form method="post" action={`/talent${search}`} preventScrollReset {...getFormProps(inviteForm)}>
          <CsrfInput />
          <input type="hidden" name="intent" value="invite" />
          <input type="hidden" name="gig" value={targets.chosen.id} />
        </Form>
      )}
    </div>
  );
}
