import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { verifyEmail } from "../services/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { verified: token.length > 10 && token.length < 200 ? await verifyEmail(token) : false };
}

export default function VerifyEmail() {
  const { verified } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{verified ? "Email confirmed" : "This link is not valid"}</h1>
      <p>{verified ? "Thank you, your email address is confirmed." : "The link is invalid, already used or expired."}</p>
      <p>
        <Link to="/">Continue</Link>
      </p>
    </section>
  );
}
