/**
 * /talent/screeners/:id: one saved screener. How many people it finds right now (the talent
 * search's own total, and the same people listed page by page), inviting them to a gig, the
 * edit form (every change is saved as a new version) and the version history (?version=n shows
 * an old version as it was).
 */
import { getFormProps } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { type SubmissionResult, parseSubmission, replyOptions, useAppForm, useResetKey } from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { PersonSummary } from "~/components/person-summary";
import { Pager } from "~/components/pager";
import { ScreenerForm } from "~/components/screener-form";
import { Time } from "~/components/time";
import { talentInviteSchema } from "~/domain/coord-forms";
import { stageLabel } from "~/domain/onboarding";
import { criteriaFormValues, describeCriteria, screenerFormSchema } from "~/domain/screeners";
import { redirectWithFlash } from "~/flash.server";
import { notFound, readForm } from "~/http.server";
import { requireRole } from "~/permissions.server";
import { SearchUnavailable } from "~/services/search.server";
import {
  eligiblePage,
  getScreener,
  inviteFromScreener,
  saveScreenerVersion,
  screenerInviteGigs,
  screenerVersions,
  screenerViewerOf,
} from "~/services/screeners.server";
import { stagesOnGig } from "~/services/talent.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.screener.name ?? "Screener"} · Saved screeners · Second Act` },
];

const ROLES = ["LAB_MEMBER", "COORDINATOR", "ADMIN"] as const;

async function viewerFor(request: Request, ip?: string) {
  const user = await requireRole(request, ...ROLES);
  const viewer = screenerViewerOf(user, ip);
  if (!viewer) throw data({ message: "Join a lab to use screeners." }, { status: 403 });
  return { user, viewer };
}

const intParam = (v: string | null, fallback: number, max: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, viewer } = await viewerFor(request);
  const s = await getScreener(params.id ?? "", viewer);
  if (!s) throw notFound("No such screener.");
  const url = new URL(request.url);
  const page = intParam(url.searchParams.get("page"), 1, 500);
  const versions = await screenerVersions(s.id);
  const shownVersion = intParam(url.searchParams.get("version"), s.version, s.version);
  const old = shownVersion !== s.version ? (versions.find((v) => v.version === shownVersion) ?? null) : null;
  const gigs = await screenerInviteGigs(viewer);
  const chosen = gigs.find((g) => g.id === url.searchParams.get("gig")) ?? null;
  let results: Awaited<ReturnType<typeof eligiblePage>> | null = null;
  let error: string | null = null;
  try {
    results = await eligiblePage(s, user, page);
  } catch (e) {
    if (!(e instanceof SearchUnavailable)) throw e;
    error = e.message;
  }
  const stages =
    chosen && results
      ? await stagesOnGig(
          chosen.id,
          results.items.map((p) => p.id),
        )
      : {};
  return {
    screener: { id: s.id, name: s.name, version: s.version, owner: s.owner, summary: describeCriteria(s.criteria), query: s.query },
    formValues: criteriaFormValues(s.name, s.criteria, s.version),
    old: old
      ? { version: old.version, name: old.name, summary: describeCriteria(old.criteria), by: old.by, at: old.at.toISOString() }
      : null,
    versions: versions.map((v) => ({ version: v.version, name: v.name, changes: v.changes, by: v.by, at: v.at.toISOString() })),
    results: results ? { total: results.total, page: results.page, totalPages: results.totalPages, items: results.items } : null,
    error,
    gigs,
    chosen,
    stages,
  };
}

type Refusal = { about: "edit" | "invite"; profileId?: string; result: SubmissionResult<string[]> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { viewer } = await viewerFor(request, context.ip);
  const id = params.id ?? "";
  // Someone else's screener is "not found", whatever the form holds.
  if (!(await getScreener(id, viewer))) throw notFound("No such screener.");
  const form = await readForm(request, context);
  const url = new URL(request.url);
  url.searchParams.delete("index");
  if (form.get("intent") === "invite") {
    const submission = parseSubmission(form, talentInviteSchema);
    const rowOf = String(form.get("profileId") ?? "").slice(0, 40);
    if (submission.status !== "success")
      return data<Refusal>({ about: "invite", profileId: rowOf, result: submission.reply({ hideFields: ["_csrf"] }) }, { status: 400 });
    const { profileId, gig } = submission.value;
    const r = await inviteFromScreener(id, profileId, gig, viewer);
    if (!r.ok) {
      if (r.code === "NOT_FOUND" && r.message === "No such screener.") throw notFound(r.message);
      return data<Refusal>(
        { about: "invite", profileId, result: submission.reply({ formErrors: [r.message], hideFields: ["_csrf"] }) },
        { status: r.status >= 400 && r.status < 500 ? r.status : 400 },
      );
    }
    return redirectWithFlash(request, `/talent/screeners/${id}${url.search}#person-${profileId}`, "Invitation sent.", {
      about: `person-${profileId}`,
    });
  }
  const submission = parseSubmission(form, screenerFormSchema);
  if (submission.status !== "success")
    return data<Refusal>({ about: "edit", result: submission.reply({ hideFields: ["_csrf"] }) }, { status: 400 });
  const { name, criteria, version } = submission.value;
  const r = await saveScreenerVersion(id, { name, criteria, baseVersion: version }, viewer);
  if (!r.ok) {
    if (r.status === 404) throw notFound("No such screener.");
    return data<Refusal>(
      { about: "edit", result: submission.reply(replyOptions(r.errors ?? { _form: [r.message] })) },
      { status: r.status >= 400 && r.status < 500 ? r.status : 400 },
    );
  }
  const message = r.changed ? `Saved as version ${r.screener.version}.` : "Nothing changed: the screener stays at this version.";
  return redirectWithFlash(request, `/talent/screeners/${id}`, message);
}

export default function ScreenerPage() {
  const { screener, formValues, old, versions, results, error, gigs, chosen, stages } = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>() as Refusal | undefined;
  const flash = (useRouteLoaderData("root") as { flash?: { about?: string } | null } | undefined)?.flash;
  const resetKey = useResetKey();
  const [inviteForm] = useAppForm({
    id: "invite",
    schema: talentInviteSchema,
    lastResult: refusal?.about === "invite" ? refusal.result : undefined,
  });
  const { search } = useLocation();
  const navigation = useNavigation();
  const inviting =
    navigation.state !== "idle" && navigation.formData?.get("intent") === "invite" ? String(navigation.formData.get("profileId")) : null;
  const pageHref = (p: number) => {
    const sp = new URLSearchParams(search);
    sp.set("page", String(p));
    return `?${sp}`;
  };
  return (
    <div className="stack">
      <p>
        <Link to="/talent/screeners">← Saved screeners</Link>
      </p>
      <h1>{screener.name}</h1>
      <p className="muted">
        Version {screener.version} · {screener.owner === "LAB" ? "your lab's screener" : "coordinators' screener"}
      </p>
      {old && (
        <section className="alert warn" aria-labelledby="old-h">
          <h2 id="old-h">{`Version ${old.version}: “${old.name}”`}</h2>
          <p className="small">
            Saved by {old.by} <Time iso={old.at} />. This is an old version; the count and the people below use the current one.
          </p>
          <ul className="small">
            {(old.summary.length ? old.summary : ["No filters"]).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p>
            <Link to={`/talent/screeners/${screener.id}`}>Back to the current version</Link>
          </p>
        </section>
      )}
      <div className="split">
        <section className="stack" aria-labelledby="eligible-h">
          <h2 id="eligible-h">Eligible now</h2>
          <ul className="small">
            {(screener.summary.length ? screener.summary : ["No filters: everyone in talent search"]).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {error && (
            <p className="alert warn" role="status">
              {error}
            </p>
          )}
          {results && (
            <p aria-live="polite">
              <strong className="screener-count">{`${results.total} ${results.total === 1 ? "person" : "people"}`}</strong>
              {results.totalPages > 1 ? `, page ${results.page} of ${results.totalPages}` : ""} ·{" "}
              <Link to={`/talent?${screener.query}${chosen ? `&gig=${encodeURIComponent(chosen.id)}` : ""}`}>Open in talent search</Link>
            </p>
          )}
          <Form method="get" className="row" preventScrollReset>
            <div className="field grow">
              <label htmlFor="invite-gig">Invite to</label>
              {gigs.length === 0 ? (
                <p className="small muted">Open a gig to invite people to it from here.</p>
              ) : (
                <select id="invite-gig" name="gig" defaultValue={chosen?.id ?? ""}>
                  <option value="">Choose a gig…</option>
                  {gigs.map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.title} ({g.labName})
                    </option>
                  ))}
                </select>
              )}
            </div>
            {gigs.length > 0 && (
              <button type="submit" className="secondary">
                Choose
              </button>
            )}
          </Form>
          {results?.items.length === 0 && <p className="empty">Nobody matches this screener right now.</p>}
          {results && results.items.length > 0 && (
            <>
              <ol className="people-list">
                {results.items.map((p) => {
                  const stage = stages[p.id];
                  const problemHere =
                    refusal?.about === "invite" && refusal.profileId === p.id ? Object.values(refusal.result.error ?? {}).flat()[0] : null;
                  return (
                    <li key={p.id} id={`person-${p.id}`} className="card person-row">
                      <PersonSummary person={p} />
                      {chosen && (
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
                              <span className="visually-hidden">{` ${p.displayName} to ${chosen.title}`}</span>
                            </button>
                          )}
                        </div>
                      )}
                      {chosen && stage === "INVITED" && flash?.about === `person-${p.id}` && (
                        <p
                          className="person-note small"
                          role="status"
                        >{`Invited to “${chosen.title}”. ${p.displayName} has been notified.`}</p>
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
              <Pager page={results.page} totalPages={results.totalPages} href={pageHref} label="Eligible people pages" />
            </>
          )}
          {chosen && (
            <Form method="post" action={`/talent/screeners/${screener.id}${search}`} preventScrollReset {...getFormProps(inviteForm)}>
              <CsrfInput />
              <input type="hidden" name="intent" value="invite" />
              <input type="hidden" name="gig" value={chosen.id} />
            </Form>
          )}
        </section>
        <section className="stack" aria-labelledby="edit-h">
          <h2 id="edit-h">Edit</h2>
          <p className="small muted">Saving a change keeps this version and adds a new one.</p>
          <ScreenerForm
            key={`${screener.version}:${resetKey}`}
            id="screener"
            intent="version"
            defaultValue={formValues}
            lastResult={refusal?.about === "edit" ? refusal.result : undefined}
            canFilterRate={screener.owner === "COORDINATORS"}
            submitLabel="Save as new version"
          />
          <section aria-labelledby="history-h">
            <h2 id="history-h">Versions</h2>
            <ol className="stack small" reversed>
              {versions.map((v) => (
                <li key={v.version}>
                  <Link to={`/talent/screeners/${screener.id}?version=${v.version}`}>{`Version ${v.version}`}</Link>
                  {v.version === screener.version ? " (current)" : ""} · {v.by} · <Time iso={v.at} />
                  {v.changes.length > 0 ? (
                    <ul>
                      {v.changes.map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ul>
                  ) : (
                    <p className="muted">{v.version === 1 ? "First version" : "No changes"}</p>
                  )}
                </li>
              ))}
            </ol>
          </section>
        </section>
      </div>
    </div>
  );
}
