/** /credentials/:id/credential.json: the signed credential exactly as issued, for download. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { credentialForPage } from "~/services/credentials.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await credentialForPage(params.id ?? "");
  if (!found)
    return new Response(JSON.stringify({ message: "No credential at this link." }), {
      status: 404,
      headers: { "Content-Type": "application/json" },
    });
  return new Response(`${JSON.stringify(found.row.signed, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="second-act-credential-${found.row.id}.json"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
