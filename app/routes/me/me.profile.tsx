/** Layout for the professional's own profile: tabs and the completeness meter. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { notFound } from "~/http.server";
import { requireProfessional } from "~/permissions.server";
import { completenessOf, profileWithCreditCount } from "~/services/profiles.server";

export const meta: MetaFunction = () => [{ title: "Your profile · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireProfessional(request);
  const profile = await profileWithCreditCount(user.profileId);
  if (!profile) throw notFound("Your profile was not found.");
  const completeness = completenessOf(profile, profile._count.credits);
  return {
    profileId: profile.id,
    displayName: profile.displayName,
    completeness: {
      percent: completeness.percent,
      next: completeness.next ? { label: completeness.next.label, href: completeness.next.href } : null,
    },
  };
}

export default function ProfileLayout() {
  const { profileId, displayName, completeness } = useLoaderData<typeof loader>();
  return (
    <div className="stack wide">
      <header className="stack">
        <h1>{displayName}</h1>
        <nav aria-label="Profile sections" className="row">
          <NavLink to="/me/profile" end>
            Details
          </NavLink>
          <NavLink to="/me/profile/credits">Credits</NavLink>
          <NavLink to="/me/profile/import">Import CSV, IMDb</NavLink>
          <NavLink to="/me/profile/transfer">Transfer profile</NavLink>
          <Link to={`/people/${profileId}`}>See your public profile</Link>
        </nav>
        <div className="card">
          <p id="completeness-h">
            <strong>{`Profile ${completeness.percent}% complete`}</strong>
            {completeness.next && (
              <>
                {" "}
                · Next most useful: <Link to={completeness.next.href}>{completeness.next.label}</Link>
              </>
            )}
          </p>
          <div
            className="meter"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={completeness.percent}
            aria-labelledby="completeness-h"
          >
            <span style={{ width: `${completeness.percent}%` }} />
          </div>
        </div>
      </header>
      <Outlet />
    </div>
  );
}
