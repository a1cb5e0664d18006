import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { MATCH_WEIGHTS } from "~/domain/matching";
import { TRANSFER_MODEL_PARAMS, TRANSFER_MODEL_VERSION } from "~/domain/transfer";

export const meta: MetaFunction = () => [{ title: "How matching works · Second Act" }];

export default function About() {
  const pct = (n: number) => `${Math.round(n * 100)}%`;
  return (
    <article className="stack" style={{ maxWidth: 760 }}>
      <h1>How matching works</h1>
      <p>
        Second Act explains every number it shows. Nothing here is a black box: the rules are public, coordinators can change them, and
        every change is versioned.
      </p>
      <h2>From credits to transfer scores</h2>
      <p>
        Each TV credit (role, show, format, genres, years, episodes) is compared with the transfer rules. A rule says, for example, that
        writers on multi-camera sitcoms transfer to comedic-timing evaluation, with a weight and a reason. For each AI-training task type, a
        credit counts through its best matching rule, scaled by:
      </p>
      <ul>
        <li>
          <strong>seniority</strong>: your rank within the department (a story editor counts more than a writers' assistant);
        </li>
        <li>
          <strong>depth</strong>: episodes, with diminishing returns;
        </li>
        <li>
          <strong>recency</strong>: a credit's weight halves every {TRANSFER_MODEL_PARAMS.recencyHalfLifeYears} years after it ended;
        </li>
        <li>
          <strong>verification</strong>: credits a coordinator verified count a little more.
        </li>
      </ul>
      <p>
        Several credits on the same show are merged so overlapping seasons never count twice; different shows add up with diminishing
        returns. A rule's weight is a ceiling: however long your career, evidence under a rule of weight 0.7 can reach about{" "}
        {Math.round(100 * 0.7 ** TRANSFER_MODEL_PARAMS.weightExponent)}, under a rule of weight 0.95 about{" "}
        {Math.round(100 * 0.95 ** TRANSFER_MODEL_PARAMS.weightExponent)}, so the tasks your craft fits most directly stand above the rest.
        Adding a relevant credit never lowers a score. Model version {TRANSFER_MODEL_VERSION}.
      </p>
      <h2>From scores to matches</h2>
      <p>A match between a person and a gig is a weighted sum, shown with reasons on both sides:</p>
      <ul>
        <li>transfer fit for the gig's task types: {pct(MATCH_WEIGHTS.transfer)}</li>
        <li>genre and format overlap: {pct(MATCH_WEIGHTS.genreFormat)}</li>
        <li>availability and hours: {pct(MATCH_WEIGHTS.availability)}</li>
        <li>rate fit: {pct(MATCH_WEIGHTS.rate)} (your rate is never shown to labs)</li>
        <li>time zone: {pct(MATCH_WEIGHTS.timezone)}</li>
        <li>verified credits: {pct(MATCH_WEIGHTS.credits)}</li>
      </ul>
      <p>Required languages are a hard filter. The same inputs always give the same order.</p>
      <h2>Fairness</h2>
      <p>
        Coordinators see, for people who chose to share demographic information, how recommendation, invitation and onboarding rates compare
        across groups, with the four-fifths rule flagged and groups under ten people hidden. Labs never see anyone's demographics.{" "}
        <Link to="/gigs">Browse gigs</Link>.
      </p>
    </article>
  );
}
