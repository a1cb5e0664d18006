/** The full transfer profile: every task type, its score, the explanation and the evidence. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatLabel, roleLabel, taskFamilyLabel, taskTypeByKey, taskTypeName } from "../domain/taxonomy";
import { TRANSFER_MODEL_VERSION } from "../domain/transfer";
import { notFound } from "../http.server";
import { requireProfessional } from "../permissions.server";
import { getTransferProfile } from "../services/transfer.server";

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

export default function TransferProfilePage() {
  const data = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="tp-h">
      <h2 id="tp-h">Transfer profile</h2>
      <p className="muted">
        How your TV experience transfers to AI-training task types, scored 0–100 from your credits (role, format, genres, episodes,
        recency and verification). Model {data.model}.
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
        <ol className="card-grid">
          {data.scores.map((s) => {
            const def = taskTypeByKey(s.taskType);
            return (
              <li key={s.taskType} className="card">
                <h3>
                  {taskTypeName(s.taskType)} <span className="score">{s.score}</span>
                  <span className="muted small"> / 100</span>
                </h3>
                <div className="meter" role="img" aria-label={`${s.score} out of 100`}>
                  <span style={{ width: `${s.score}%` }} />
                </div>
                {def && (
                  <p className="small muted">
                    {taskFamilyLabel(def.family)} · {def.description}
                  </p>
                )}
                <p>{s.explanation}</p>
                <details>
                  <summary>Evidence: {s.evidence.length} credit{s.evidence.length === 1 ? "" : "s"}</summary>
                  <table>
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
                        <tr key={`${e.creditId}`}>
                          <td>
                            <strong>{e.showTitle}</strong>
                            {e.verified && <span className="pill"> Verified</span>}
                            <br />
                            <span className="small">
                              {e.role} · {e.format} · {e.years} · {e.episodes} ep.
                            </span>
                          </td>
                          <td className="small">{e.rationale}</td>
                          <td className="score">{e.contribution}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
