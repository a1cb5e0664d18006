import { Link } from "@remix-run/react";
import { taskLabel } from "~/components/gig";
import { languageName } from "~/domain/profile";

/** What talent search and a screener's results show of one person: name, headline, top transfer scores, hours, languages. */
export interface PersonSummaryData {
  id: string;
  displayName: string;
  headline: string | null;
  topScores: [string, number][];
  hoursPerWeek: number | null;
  languages: string[];
}

/** The shared head of a person row (the row's actions stay with each page). */
export function PersonSummary({ person: p }: { person: PersonSummaryData }) {
  return (
    <>
      <div>
        <Link to={`/people/${p.id}`}>
          <strong>{p.displayName}</strong>
        </Link>
        {p.headline && <p className="small muted">{p.headline}</p>}
      </div>
      <ul className="score-list small" aria-label="Top transfer scores">
        {p.topScores.map(([k, s]) => (
          <li key={k}>
            {taskLabel(k)} <span className="score">{s}</span>
          </li>
        ))}
      </ul>
      <p className="small muted">
        {p.hoursPerWeek ? `${p.hoursPerWeek} h/week` : "Hours not set"}
        {p.languages.length > 0 && ` · ${p.languages.map(languageName).join(", ")}`}
      </p>
    </>
  );
}
