/** GET /me/data/resume.json: the signed-in professional's profile and credits as a JSON Resume document. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { profileToJsonResume } from "~/domain/json-resume";
import { notFound } from "~/http.server";
import { requireProfessional } from "~/permissions.server";
import { resumeSource } from "~/services/profiles.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireProfessional(request);
  const profile = await resumeSource(user.profileId);
  if (!profile) throw notFound("Your profile was not found.");
  const doc = profileToJsonResume(profile, profile.credits, profile.updatedAt);
  return new Response(JSON.stringify(doc, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="resume.json"',
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
