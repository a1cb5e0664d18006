import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { homePathFor } from "~/permissions.server";
import { verifyEmail } from "~/services/auth.server";
import { createSession, getSessionUser } from "~/session.server";

/**
 * The emailed confirmation link. It confirms the address and, when nobody is signed in in this
 * browser, signs the account in (sign-up itself signs nobody in, so that it answers the same for
 * registered and new addresses).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const user = token.length > 10 && token.length < 200 ? await verifyEmail(token) : null;
  if (user && !(await getSessionUser(request))) {
    const cookie = await createSession(user.id, { ip: context.ip, userAgent: request.headers.get("user-agent") });
    const home = user.role === "PROFESSIONAL" ? "/me/profile?welcome=1" : homePathFor(user.role);
    throw redirect(home, { headers: { "Set-Cookie": cookie } });
  }
  return { verified: Boolean(user) };
}

export default function VerifyEmail() {
  const { verified } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{verified ? "Email confirmed" : "This link is not valid"}</h1>
      <p>
        {verified
          ? "Thank you, your email address is confirmed."
          : "The link is invalid, already used or expired. Signed in, you can send yourself a new one from your account page."}
      </p>
      <p>{verified ? <Link to="/">Continue</Link> : <Link to="/account#confirm-email">Send a new confirmation link</Link>}</p>
    </section>
  );
}
