import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { homePathFor } from "~/permissions.server";
import { landingCounts } from "~/services/dashboards.server";
import { getSessionUser, type SessionUser } from "~/session.server";

/** A signed-in person goes to their own home; the marketing page is for visitors (and a lab member without a lab). */
function homeOf(user: SessionUser): string | null {
  if (user.role === "LAB_MEMBER") return user.labSlug ? `/labs/${user.labSlug}` : null;
  return homePathFor(user.role);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const home = user ? homeOf(user) : null;
  if (home) throw redirect(home);
  return landingCounts();
}

export default function Home() {
  const { professionals, labs, openGigs } = useLoaderData<typeof loader>();
  return (
    <div className="home">
      <section className="hero">
        <h1>Your TV career is AI-training expertise.</h1>
        <p className="lede">
          Writers, directors, producers, editors and crews bring exactly what AI labs need: story sense, dialogue, pacing, visual
          composition and audience insight. Second Act turns your credits into a ranked, explained list of AI-training work you are suited
          for, and tells you what every gig's work will train.
        </p>
        <p className="actions">
          <Link className="button" to="/signup">
            Build my profile
          </Link>
          <Link className="button secondary" to="/gigs">
            Browse gigs
          </Link>
        </p>
      </section>
      <section aria-label="Site statistics" className="stats">
        <div>
          <strong>{professionals}</strong> professionals
        </div>
        <div>
          <strong>{labs}</strong> AI labs
        </div>
        <div>
          <strong>{openGigs}</strong> open gigs
        </div>
      </section>
      <section className="how">
        <h2>How it works</h2>
        <ol>
          <li>
            <strong>Add your credits</strong> by hand or import a CSV: role, show, format, genre, years, episodes.
          </li>
          <li>
            <strong>See where you transfer</strong>: each AI-training task type gets a 0-100 score with the credits and reasons behind it.
          </li>
          <li>
            <strong>Apply with eyes open</strong>: pay, weekly cap, paid assessments and an AI-use disclosure are on every gig.
          </li>
        </ol>
      </section>
    </div>
  );
}
