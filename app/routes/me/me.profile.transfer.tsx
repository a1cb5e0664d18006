/**
 * The professional's transfer profile: the three strongest task types up front, each with the
 * reason this craft transfers and the credit that drives it; every other task type as a compact
 * list underneath. Full evidence stays one click away.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatLabel, roleLabel, taskFamilyLabel, taskTypeByKey, taskTypeName } from "~/domain/taxonomy";
import { TRANSFER_MODEL_VERSION } from "~/domain/transfer";
import { notFound } from "~/http.server";
import { requireProfessional } from "~/permissions.server";
import { getTransferProfile } from "~/services/transfer.server";

const TOP = 3;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireProfessional(request);
  const view = await getTransferProfile(user.profileId);
  if (!view) throw notFound("Your profile was not found.");
  const credits = Object.fromEntries(view.credits.map((c) => [c.id, c]));
  return {
    guidance: view.result.guidance,
    computedAt: view.computedAt?.toISOString() ?? null,
    model: TRANSFER_MODEL_VERSION,
    scores: view.result.scores.map((s) => ({
      taskType: s.taskType,
      score: s.score,
      explanation: s.explanation,
      reason: s.reason,
      evidence: s.evidence.map((e) => {
        const c = credits[e.creditId];
        return {
          creditId: e.creditId,
          showTitle: e.showTitle,
          role: c ? roleLabel(c.role) : "",
          format: c ? formatLabel(c.format) : "",
          years: c ? `${c.startYear}–${c.endYear ?? "now"}` : "",
          episodes: c?.episodes ?? 0,
          verified: c?.verified ?? false,
          rationale: e.rationale,
          contribution: Math.round(e.contribution * 100),
        };
      }),
    })),
  };
}

type Score = ReturnType<typeof useLoaderData<typeof loader>>["scores"][number];

function EvidenceTable({ s }: { s: Score }) {
  return (
    <details>
      <summary>
        All {s.evidence.length} credit{s.evidence.length === 1 ? "" : "s"} behind this score
      </summary>
      <p className="small muted">{s.explanation}</p>
      <div className="table-scroll">
        <table className="records">
          <caption className="visually-hidden">Credits behind {taskTypeName(s.taskType)}</caption>
          <thead>
            <tr>
              <th scope="col">Credit</th>
              <th scope="col">Why it transfers</th>
              <th scope="col">Strength</th>
            </tr>
          </thead>
          <tbody>
            {s.evidence.map((e) => (
              <tr key={e.creditId}>
                <td data-label="Credit">
                  <strong>{e.showTitle}</strong>
                  {e.verified && <span className="pill ok"> Verified</span>}
                  <br />
                  <span className="small">
                    {e.role} · {e.format} · {e.years} · {e.episodes} ep.
                  </span>
                </td>
                <td data-label="Why it transfers" className="small">
                  {e.rationale}
                </td>
                <td data-label="Strength" className="score">
                  {e.contribution}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function TopFit({ s, rank }: { s: Score; rank: number }) {
  const def = taskTypeByKey(s.taskType);
  const strongest = s.evidence[0];
  const headingId = `fit-${s.taskType}`;
  return (
    <li className="card fit" data-task={s.taskType} aria-labelledby={headingId}>
      <p className="fit-kicker small muted">
        #{rank}
        {def ? ` · ${taskFamilyLabel(def.family)}` : ""}
      </p>
      <h4 id={headingId} className="fit-title">
        <span className="fit-name">{taskTypeName(s.taskType)}</span>{" "}
        <span className="fit-score">
          <span className="score">{s.score}</span>
          <span className="muted small"> / 100</span>
        </span>
      </h4>
      <div className="meter" role="img" aria-label={`${s.score} out of 100`}>
        <span style={{ width: `${s.score}%` }} />
      </div>
      <p className="fit-reason">{s.reason}</p>
      {strongest && (
        <p className="fit-strongest small">
          <strong>Strongest evidence:</strong> {strongest.showTitle} · {strongest.role} · {strongest.format} · {strongest.years} ·{" "}
          {strongest.episodes} ep.{strongest.verified && <span className="pill ok">Verified</span>}
        </p>
      )}
      {def && <p className="small muted">The task: {def.description}</p>}
      <EvidenceTable s={s} />
    </li>
  );
}

function OtherFit({ s }: { s: Score }) {
  const drivers = s.reason.slice(s.reason.lastIndexOf(" Driven by ") + 1);
  const why = s.reason.slice(0, s.reason.lastIndexOf(" Driven by "));
  return (
    <li className="other-fit" data-task={s.taskType}>
      <div className="other-fit-head">
        <span className="other-fit-name">{taskTypeName(s.taskType)}</span>
        <span className="meter" role="img" aria-label={`${s.score} out of 100`}>
          <span style={{ width: `${s.score}%` }} />
        </span>
        <span className="score">{s.score}</span>
      </div>
      <details className="small">
        <summary>{why}</summary>
        <p>{drivers}</p>
        <EvidenceTable s={s} />
      </details>
    </li>
  );
}

export default function TransferProfilePage() {
  const data = useLoaderData<typeof loader>();
  const top = data.scores.slice(0, TOP);
  const rest = data.scores.slice(TOP);
  return (
    <section className="transfer" aria-labelledby="tp-h">
      <h2 id="tp-h">Transfer profile</h2>
      <p className="muted measure">
        How your TV experience transfers to AI-training task types, scored 0–100 from your credits (role, format, genres, episodes, recency
        and verification). <Link to="/about">How scores work</Link> · model {data.model}.
      </p>
      {data.scores.length === 0 ? (
        <div className="empty">
          <p>{data.guidance}</p>
          <p>
            <Link className="button" to="/me/profile/credits">
              Add a credit
            </Link>{" "}
            or <Link to="/me/profile/import">import a CSV</Link>
          </p>
        </div>
      ) : (
        <>
          <h3 id="top-fits-h">Your strongest fits</h3>
          <ol className="top-fits" aria-labelledby="top-fits-h">
            {top.map((s, i) => (
              <TopFit key={s.taskType} s={s} rank={i + 1} />
            ))}
          </ol>
          {rest.length > 0 && (
            <>
              <h3 id="other-fits-h">
                {rest.length} more task type{rest.length === 1 ? "" : "s"} your credits transfer to
              </h3>
              <ol className="other-fits" start={TOP + 1} aria-labelledby="other-fits-h">
                {rest.map((s) => (
                  <OtherFit key={s.taskType} s={s} />
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** A failure here shows inside the profile frame, keeping its section links (app/routes/_section.tsx explains). */
export { RouteErrorPanel as ErrorBoundary } from "~/components/route-error";
