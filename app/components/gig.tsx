import { Link } from "@remix-run/react";
import { LabLogo } from "./lab-brand";
import { formatLabel, genreLabel, gigStatusLabel, taskTypeByKey } from "~/domain/taxonomy";

export interface GigCardData {
  id: string;
  title: string;
  labName: string;
  status: string;
  taskTypes: string[];
  modality: string;
  hoursPerWeek: number | null;
  weeklyCapHours: number | null;
  payText: string;
  hourlyText: string | null;
  /** Effective hourly once unpaid onboarding is counted, when below the (hourly equivalent) rate. */
  effectiveHourlyText?: string | null;
  /** "10 h/week · 14 days' notice · rate locked 60 days · 165 min unpaid onboarding" */
  termsText?: string | null;
  screeningPaid: boolean;
  screeningRequired: boolean;
  /** The viewer's own match; `belowMinimum`: the gig pays less than their minimum rate; `applied`: they applied. */
  match?: { score: number; reasons: string[]; belowMinimum?: boolean; applied?: boolean } | null;
  highlightTitle?: string;
  /** The lab's page and logo (app/components/lab-brand.tsx), when known. */
  labSlug?: string;
  labLogoUrl?: string | null;
}

export const taskLabel = (key: string) => taskTypeByKey(key)?.name ?? key;
export { formatLabel, genreLabel };

/** Pay transparency on every card: rate, hourly equivalent, weekly cap, paid assessments. */
export function PayFacts({
  gig,
}: {
  gig: Pick<
    GigCardData,
    | "payText"
    | "hourlyText"
    | "effectiveHourlyText"
    | "termsText"
    | "weeklyCapHours"
    | "hoursPerWeek"
    | "screeningPaid"
    | "screeningRequired"
  >;
}) {
  return (
    <ul className="pay-facts" aria-label="Pay and hours">
      <li>
        <strong>{gig.payText}</strong>
        {gig.hourlyText && <span className="muted"> (about {gig.hourlyText})</span>}
        {gig.effectiveHourlyText && <span> · effective {gig.effectiveHourlyText} with unpaid onboarding</span>}
      </li>
      {gig.termsText && <li className="small">{gig.termsText}</li>}
      <li>
        {gig.hoursPerWeek ? `${gig.hoursPerWeek} h/week expected` : "Hours flexible"}
        {gig.weeklyCapHours ? `, capped at ${gig.weeklyCapHours} h/week` : ", no weekly cap stated"}
      </li>
      <li>
        {gig.screeningRequired
          ? gig.screeningPaid
            ? "Screening assessment is paid"
            : "Screening assessment is unpaid"
          : "No screening assessment"}
      </li>
    </ul>
  );
}

export function GigCard({ gig }: { gig: GigCardData }) {
  return (
    <article className="card gig-card">
      <h3>
        <Link to={`/gigs/${gig.id}`}>
          {gig.highlightTitle ? (
            // biome-ignore lint/security/noDangerouslySetInnerHtml: the search engine escapes the text and adds only <mark>
            <span dangerouslySetInnerHTML={{ __html: gig.highlightTitle }} />
          ) : (
            gig.title
          )}
        </Link>
      </h3>
      <p className="muted small lab-line">
        <LabLogo url={gig.labLogoUrl} name={gig.labName} size={24} />
        <span>
          {gig.labName} · {gig.modality.toLowerCase()}
        </span>
        {gig.status !== "OPEN" && <span className="pill warn">{gigStatusLabel(gig.status)}</span>}
      </p>
      <p>
        {gig.taskTypes.map((t) => (
          <span key={t} className="pill">
            {taskLabel(t)}
          </span>
        ))}
      </p>
      <PayFacts gig={gig} />
      {gig.match && (
        <p className="small">
          {gig.match.belowMinimum && <span className="pill warn">Pays below your minimum rate</span>}
          {gig.match.applied && <span className="pill ok">You applied</span>}
          <span className="score">Your match: {gig.match.score}/100</span>
          {gig.match.reasons[0] && <span className="muted"> · {gig.match.reasons[0]}</span>}
        </p>
      )}
    </article>
  );
}
