/** /me/credentials/resume.json[?id=...]: the professional's credentials as a JSON Resume document. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireProfessional } from "~/permissions.server";
import { credentialsResumeFor } from "~/services/credentials.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireProfessional(request);
  const ids = new URL(request.url).searchParams.getAll("id").slice(0, 50);
  const resume = await credentialsResumeFor(user.profileId, ids);
  return new Response(`${JSON.stringify(resume, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="second-act-credentials.resume.json"',
      "Cache-Control": "private, no-store",
    },
  });
}
