import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GigCard } from "~/components/gig";
import { LabLogo, websiteText } from "~/components/lab-brand";
import { labLogoUrl } from "~/domain/lab-profile";
import { gigSummary } from "~/domain/gigs";
import { notFound } from "~/http.server";
import { canManageLab, canOwnLab } from "~/permissions.server";
import { applicationCountsByStage, getLabBySlug, labGigs } from "~/services/labs.server";
import { getSessionUser } from "~/session.server";
import { labTrackRecord } from "~/services/track-record.server";
import { TrackRecordCard } from "~/components/track-record";
import { type Stage, stageLabel } from "~/domain/onboarding";
import { gigStatusLabel } from "~/domain/taxonomy";
import { labLogoHash } from "~/services/lab-profile.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.lab.name ?? "Lab"} · Second Act` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const lab = await getLabBySlug(params.slug ?? "");
  if (!lab) throw notFound("No such lab.");
  const manager = canManageLab(user, lab.id);
  const gigs = await labGigs(lab.id, { allStatuses: manager });
  const logoUrl = labLogoUrl(lab.slug, await labLogoHash(lab.id));
  const counts = manager ? await applicationCountsByStage(gigs.map((g) => g.id)) : [];
  // The track record is for signed-in people (professionals deciding where to apply, the lab, staff).
  const record = user ? await labTrackRecord(lab.id) : null;
  return {
    record,
    lab: { name: lab.name, slug: lab.slug, description: lab.description, website: lab.website, logoUrl },
    manager,
    owner: canOwnLab(user, lab.id),
    gigs: gigs.map((g) => ({
      ...gigSummary(g),
      labLogoUrl: logoUrl,
      pipeline: counts.filter((c) => c.gigId === g.id).map((c) => ({ stage: c.stage, count: c._count })),
    })),
  };
}

export default function LabPage() {
  const { lab, manager, owner, gigs, record } = useLoaderData<typeof loader>();
  return (
    <div className="stack" style={{ maxWidth: "none" }}>
      <div className="row lab-brand-head">
        <LabLogo url={lab.logoUrl} name={lab.name} size={64} />
        <h1 className="lab-brand-name">{lab.name}</h1>
      </div>
      {lab.description && <p className="lab-description">{lab.description}</p>}
      {lab.website && (
        <p>
          Website:{" "}
          <a href={lab.website} rel="noopener noreferrer nofollow ugc">
            {websiteText(lab.website)}
          </a>
        </p>
      )}
      {owner && !lab.description && (
        <p className="muted">
          Professionals decide faster when they know who you are: <Link to={`/labs/${lab.slug}/settings`}>describe your lab</Link>.
        </p>
      )}
      {manager && (
        <p className="row">
          <Link className="button" to={`/labs/${lab.slug}/gigs/new`}>
            Post a gig
          </Link>
          {owner && <Link to={`/labs/${lab.slug}/settings`}>Lab profile</Link>}
          {owner && <Link to={`/labs/${lab.slug}/members`}>Members</Link>}
          <Link to={`/labs/${lab.slug}/tokens`}>API tokens</Link>
          <Link to={`/labs/${lab.slug}/webhooks`}>Webhooks</Link>
          <Link to={`/labs/${lab.slug}/credentials`}>Work credentials</Link>
        </p>
      )}
      {record && <TrackRecordCard record={record} labName={lab.name} />}
      <h2>{manager ? "All gigs" : "Open gigs"}</h2>
      {gigs.length === 0 && <p className="empty">No gigs yet.{manager ? " Post your first one." : ""}</p>}
      {manager ? (
        <table className="records">
          <thead>
            <tr>
              <th>Gig</th>
              <th>Status</th>
              <th>Pay</th>
              <th>Applicants by stage</th>
            </tr>
          </thead>
          <tbody>
            {gigs.map((g) => (
              <tr key={g.id}>
                <td data-label="Gig">
                  <Link to={`/gigs/${g.id}`}>{g.title}</Link> ·{" "}
                  <Link to={`/coord/gigs/${g.id}`} className="small">
                    board
                  </Link>
                </td>
                <td data-label="Status">{gigStatusLabel(g.status)}</td>
                <td data-label="Pay">
                  {g.payText}
                  {g.hourlyText ? ` (~${g.hourlyText})` : ""}
                </td>
                <td data-label="Applicants by stage" className="small">
                  {g.pipeline.length ? g.pipeline.map((p) => `${stageLabel(p.stage as Stage)} ${p.count}`).join(" · ") : "none"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="grid">
          {gigs.map((g) => (
            <GigCard key={g.id} gig={g} />
          ))}
        </div>
      )}
    </div>
  );
}
