/** How a work credential reads, with its verification verdict (public page and /verify). */
import type { CredentialPayload } from "~/domain/credential";
import { taskTypeList } from "~/domain/credential";
import { Time } from "./time";

const VERDICT: Record<string, string> = {
  valid: "Valid",
  revoked: "Revoked",
  tampered: "Not valid: changed after issue",
  "unknown-key": "Not valid: unknown signing key",
  malformed: "Not a credential",
  "not-found": "Genuine signature, no longer in the registry",
};

export function CredentialView(props: {
  status: string;
  message: string;
  credential?: CredentialPayload | null;
  revokedAt?: string | null;
  revokedReason?: string | null;
  problems?: string[];
}) {
  const c = props.credential;
  const bad = props.status !== "valid";
  return (
    <section className={`card credential ${props.status}`} aria-live="polite">
      <p className="verdict" data-status={props.status}>
        {props.status === "valid" ? "✓ " : "✗ "}
        {VERDICT[props.status] ?? props.status}
      </p>
      <p>{props.message}</p>
      {props.revokedAt && (
        <p>
          Revoked <Time iso={props.revokedAt} />
          {props.revokedReason ? `. Reason: ${props.revokedReason}` : "."}
        </p>
      )}
      {props.problems && props.problems.length > 0 && (
        <ul>
          {props.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {c && (
        <>
          {bad && props.status === "tampered" && <p className="muted">What the altered copy claims (not confirmed by the signature):</p>}
          <dl>
            <dt>Professional</dt>
            <dd>{c.subject.name}</dd>
            <dt>Work</dt>
            <dd>{taskTypeList(c)}</dd>
            <dt>For</dt>
            <dd>{c.work.client}</dd>
            <dt>Recorded</dt>
            <dd>
              {[c.work.hours > 0 ? `${c.work.hours} hours` : null, c.work.tasks > 0 ? `${c.work.tasks} tasks` : null]
                .filter(Boolean)
                .join(" and ") || "—"}
            </dd>
            <dt>Period</dt>
            <dd>{c.work.from === c.work.to ? c.work.from : `${c.work.from} to ${c.work.to}`}</dd>
            {c.work.qualityNote && (
              <>
                <dt>Lab's note</dt>
                <dd>{c.work.qualityNote}</dd>
              </>
            )}
            <dt>Issued</dt>
            <dd>
              <Time iso={c.issuedAt} /> by {c.issuer.name}
            </dd>
          </dl>
        </>
      )}
    </section>
  );
}

export interface PublicCredentialItem {
  id: string;
  taskTypes: string;
  client: string;
  summary: string;
}

/** The work credentials a professional chose to show on their profile (labs and coordinators see them). */
export function PublicCredentials({ items }: { items: readonly PublicCredentialItem[] }) {
  if (items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="work-credentials-h">
      <h2 id="work-credentials-h">AI-training work (verified credentials)</h2>
      <ul>
        {items.map((c) => (
          <li key={c.id}>
            <strong>{c.taskTypes}</strong> for {c.client}: {c.summary}. <a href={`/credentials/${c.id}`}>Verify</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
