/**
 * How a lab presents itself (app/domain/lab-profile.ts): its logo, name, description and website.
 * The logo is served by /labs/:slug/logo from PostgreSQL; the description is plain text (line
 * breaks kept, nothing interpreted as HTML or Markdown).
 */
import { Link } from "@remix-run/react";

export interface LabBrandData {
  name: string;
  slug: string;
  description: string;
  website: string;
  logoUrl: string | null;
}

/** A small square logo; decorative next to the lab's name (alt=""), named when alone. */
export function LabLogo({
  url,
  name,
  size = 24,
  alone = false,
}: {
  url: string | null | undefined;
  name: string;
  size?: number;
  alone?: boolean;
}) {
  if (!url) return null;
  return (
    <img className="lab-logo" src={url} alt={alone ? `${name} logo` : ""} width={size} height={size} loading="lazy" decoding="async" />
  );
}

/** The website as people read it: "example.org/about", without the scheme. */
export function websiteText(url: string): string {
  return url.replace(/^https?:\/\//, "").replace(/\/$/, "");
}

/** The lab's card: logo, name (linked to its page unless `linkName` is false), description and website. */
export function LabBrand({ lab, heading = "h3", linkName = true }: { lab: LabBrandData; heading?: "h2" | "h3"; linkName?: boolean }) {
  const H = heading;
  return (
    <div className="lab-brand" data-testid="lab-brand">
      <div className="row lab-brand-head">
        <LabLogo url={lab.logoUrl} name={lab.name} size={56} />
        <H className="lab-brand-name">{linkName ? <Link to={`/labs/${lab.slug}`}>{lab.name}</Link> : lab.name}</H>
      </div>
      {lab.description ? (
        <p className="lab-description">{lab.description}</p>
      ) : (
        <p className="muted small">This lab has not described itself yet.</p>
      )}
      {lab.website && (
        <p className="small">
          Website:{" "}
          <a href={lab.website} rel="noopener noreferrer nofollow ugc">
            {websiteText(lab.website)}
          </a>
        </p>
      )}
    </div>
  );
}
