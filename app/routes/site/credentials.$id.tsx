/**
 * /credentials/:id: a work credential's stable public page (issue 23). Anyone with the link sees
 * what the credential says and whether it is valid (signature checked now, revocation read from
 * the registry), and can download the signed copy. Nothing here comes from outside the document.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CredentialView } from "~/components/credential";
import { credentialForPage } from "~/services/credentials.server";

export const meta: MetaFunction = () => [{ title: "Work credential · Second Act" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await credentialForPage(params.id ?? "");
  if (!found)
    throw data({ message: "There is no credential at this link. Check the link, or verify a copy you hold at /verify." }, { status: 404 });
  const v = found.verification;
  return {
    id: found.row.id,
    status: v.status,
    message: v.message,
    credential: v.credential ?? found.row.signed.credential,
    revokedAt: v.revokedAt?.toISOString() ?? null,
    revokedReason: v.revokedReason ?? null,
    signedText: JSON.stringify(found.row.signed, null, 2),
  };
}

export default function CredentialPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="stack" style={{ maxWidth: 900 }}>
      <h1>Work credential</h1>
      <CredentialView
        status={d.status}
        message={d.message}
        credential={d.credential}
        revokedAt={d.revokedAt}
        revokedReason={d.revokedReason}
      />
      <section className="card" aria-labelledby="copy-h">
        <h2 id="copy-h">The signed copy</h2>
        <p>
          <a href={`/credentials/${d.id}/credential.json`} download={`second-act-credential-${d.id}.json`}>
            Download the signed file
          </a>{" "}
          · <Link to="/verify">Verify a copy someone sent you</Link> · <a href="/credentials/keys.json">Second Act's public keys</a>
        </p>
        <details>
          <summary>Show the signed document</summary>
          <pre className="signed">{d.signedText}</pre>
        </details>
      </section>
    </div>
  );
}
