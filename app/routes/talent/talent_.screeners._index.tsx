/**
 * /talent/screeners: the viewer's saved screeners (a lab member: their lab's; coordinators and
 * admins: the coordinators'), each with how many people it finds right now, and the form that
 * saves a new one. Opened from talent search ("Save this filter as a screener") the form starts
 * from that search's filters.
 */
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { type SubmissionResult, parseSubmission, replyOptions, useResetKey } from "~/components/conform";
import { ScreenerForm } from "~/components/screener-form";
import { Time } from "~/components/time";
import { EMPTY_CRITERIA, criteriaFormValues, describeCriteria, screenerFormSchema, searchParamsToCriteria } from "~/domain/screeners";
import { redirectWithFlash } from "~/flash.server";
import { readForm } from "~/http.server";
import { requireRole } from "~/permissions.server";
import { createScreener, listScreeners, screenerViewerOf } from "~/services/screeners.server";

export const meta: MetaFunction = () => [{ title: "Saved screeners · Second Act" }];

const ROLES = ["LAB_MEMBER", "COORDINATOR", "ADMIN"] as const;

async function viewerFor(request: Request, ip?: string) {
  const user = await requireRole(request, ...ROLES);
  const viewer = screenerViewerOf(user, ip);
  if (!viewer) throw data({ message: "Join a lab to save screeners." }, { status: 403 });
  return { user, viewer };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await viewerFor(request);
  const url = new URL(request.url);
  const fromSearch = url.searchParams.size > 0;
  const criteria = fromSearch ? searchParamsToCriteria(url.searchParams, viewer.owner) : EMPTY_CRITERIA;
  // What a talent search had that a screener does not keep (words and credit facets).
  const sp = url.searchParams;
  const leftOut = [
    sp.get("q")?.trim() && "the search words",
    (sp.getAll("formats").length || sp.getAll("genres").length || sp.getAll("departments").length) &&
      "format, genre and department filters",
  ].filter(Boolean);
  const screeners = await listScreeners(viewer);
  return {
    owner: viewer.owner,
    fromSearch,
    leftOut: leftOut as string[],
    defaults: criteriaFormValues("", criteria),
    screeners: screeners.map((s) => ({
      id: s.id,
      name: s.name,
      version: s.version,
      eligible: s.eligible,
      summary: describeCriteria(s.criteria),
      updatedAt: s.updatedAt.toISOString(),
    })),
  };
}

type Refusal = { result: SubmissionResult<string[]> };

export async function action({ request, context }: ActionFunctionArgs) {
  const { viewer } = await viewerFor(request, context.ip);
  const form = await readForm(request, context);
  const submission = parseSubmission(form, screenerFormSchema);
  if (submission.status !== "success") return data<Refusal>({ result: submission.reply({ hideFields: ["_csrf"] }) }, { status: 400 });
  const { name, criteria } = submission.value;
  const r = await createScreener({ name, criteria }, viewer);
  if (!r.ok)
    return data<Refusal>(
      { result: submission.reply(replyOptions(r.errors ?? { _form: [r.message] })) },
      { status: r.status >= 400 && r.status < 500 ? r.status : 400 },
    );
  return redirectWithFlash(request, `/talent/screeners/${r.screener.id}`, `Screener “${r.screener.name}” saved.`);
}

export default function Screeners() {
  const { owner, screeners, defaults, fromSearch, leftOut } = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>() as Refusal | undefined;
  const resetKey = useResetKey();
  return (
    <div className="stack">
      <p>
        <Link to="/talent">← Talent search</Link>
      </p>
      <h1>Saved screeners</h1>
      <p className="muted">
        {owner === "LAB"
          ? "Your lab's saved talent filters, seen by every member of your lab. Rates and availability dates are private and never part of a lab's screener."
          : "The coordinators' saved talent filters, seen by coordinators and admins."}
      </p>
      <div className="split">
        <section aria-labelledby="list-h" className="stack">
          <h2 id="list-h">Screeners</h2>
          {screeners.length === 0 ? (
            <p className="empty">No saved screeners yet. Save one with the form.</p>
          ) : (
            <ul className="people-list">
              {screeners.map((s) => (
                <li key={s.id} className="card stack">
                  <p>
                    <Link to={`/talent/screeners/${s.id}`}>
                      <strong>{s.name}</strong>
                    </Link>{" "}
                    <span className="muted small">version {s.version}</span>
                  </p>
                  <p>
                    <strong>
                      {s.eligible == null ? "Count unavailable" : `${s.eligible} ${s.eligible === 1 ? "person" : "people"} eligible now`}
                    </strong>
                  </p>
                  <p className="small muted">{s.summary.length ? s.summary.join(" · ") : "No filters: everyone in talent search"}</p>
                  <p className="small muted">
                    Updated <Time iso={s.updatedAt} />
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="new-h" className="stack">
          <h2 id="new-h">{fromSearch ? "Save this filter as a screener" : "New screener"}</h2>
          {leftOut.length > 0 && (
            <p className="small muted">{`A screener does not keep ${leftOut.join(" or ")}; the rest of your search is filled in below.`}</p>
          )}
          <ScreenerForm
            key={resetKey}
            id="screener"
            intent="create"
            defaultValue={defaults}
            lastResult={refusal?.result}
            canFilterRate={owner === "COORDINATORS"}
            submitLabel="Save screener"
          />
        </section>
      </div>
    </div>
  );
}
