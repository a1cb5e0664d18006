import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GigCard } from "~/components/gig";
import { type Stage, normalizeChecklist, progress, stageLabel } from "~/domain/onboarding";
import { requireProfessional } from "~/permissions.server";
import { formatHourly } from "~/domain/pay";
import { gigsForPerson } from "~/services/matching.server";
import { dashboardReads, recommendationCard } from "~/services/dashboards.server";

export const meta: MetaFunction = () => [{ title: "My dashboard · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireProfessional(request);
  // The person, their applications, the SLA table and the welcome-back check in one statement; the
  // recommendations wait only for it.
  const readsP = dashboardReads(user.profileId, user.id);
  const [{ person: profile, applications: apps, sla, returning }, recommended] = await Promise.all([
    readsP,
    readsP.then(({ person, applications }) =>
      person ? gigsForPerson(user.profileId, { limit: 6, person, appliedGigIds: applications.map((a) => a.gigId) }) : [],
    ),
  ]);
  if (!profile) throw new Error(`profile ${user.profileId} not found`);
  const now = new Date();
  return {
    name: profile.displayName,
    returning,
    credits: profile.creditCount,
    minRateText: profile.minRate != null ? formatHourly(profile.minRate) : null,
    applications: apps.map((a) => {
      const p = progress(
        {
          stage: a.stage as Stage,
          checklist: normalizeChecklist(a.checklist),
          stageEnteredAt: a.stageEnteredAt,
          startedAs: a.origin === "APPLIED" ? "APPLIED" : "INVITED",
        },
        { screeningRequired: a.gig.screeningRequired, ndaRequired: a.gig.ndaRequired, trainingModules: a.gig.trainingModules },
        { now, reason: a.lastReason, sla },
      );
      return {
        id: a.id,
        gigTitle: a.gig.title,
        labName: a.gig.lab.name,
        stage: a.stage,
        next: p.nextAction,
        done: p.steps.filter((s) => s.status === "done").length,
        total: p.steps.length,
      };
    }),
    recommended: recommended.map(recommendationCard),
  };
}

export default function Dashboard() {
  const { name, returning, credits, applications, recommended, minRateText } = useLoaderData<typeof loader>();
  return (
    <div className="stack" style={{ maxWidth: "none" }}>
      <h1>
        {returning ? "Welcome back" : "Welcome"}, {name}
      </h1>
      {credits === 0 && (
        <p className="alert warn">
          You have no credits yet. <Link to="/me/profile/credits">Add your credits</Link> or{" "}
          <Link to="/me/profile/import">import a CSV</Link> to see which AI-training work your experience transfers to.
        </p>
      )}
      <section>
        <h2>My applications</h2>
        {applications.length === 0 ? (
          <p className="empty">
            No applications yet. <Link to="/gigs">Browse gigs</Link>.
          </p>
        ) : (
          <table className="records">
            <thead>
              <tr>
                <th>Gig</th>
                <th>Stage</th>
                <th>Progress</th>
                <th>Next</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <td data-label="Gig">
                    <Link to={`/me/applications/${a.id}`}>{a.gigTitle}</Link>
                    <br />
                    <span className="muted small">{a.labName}</span>
                  </td>
                  <td data-label="Stage">{stageLabel(a.stage as Stage)}</td>
                  <td data-label="Progress" style={{ minWidth: 120 }}>
                    <progress value={a.done} max={a.total} aria-label={`${a.done} of ${a.total} steps done`} />
                  </td>
                  <td data-label="Next">{a.next ? `${a.next.waitingOn === "YOU" ? "You: " : ""}${a.next.text}` : "Nothing to do"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2>Gigs for me</h2>
        <p className="muted small">
          {minRateText
            ? `Gigs that pay less than your minimum rate (${minRateText}) and gigs you applied to are left out. `
            : "Gigs you applied to are left out. "}
          <Link to="/gigs?sort=match">See every gig by best match</Link>
        </p>
        {recommended.length === 0 ? (
          <p className="empty">No recommendations yet: add credits so we can match you.</p>
        ) : (
          <div className="grid">
            {recommended.map((g) => (
              <GigCard key={g.id} gig={g} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
