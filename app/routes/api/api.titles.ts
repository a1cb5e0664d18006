/** Show-title type-ahead for the credit form: GET /api/titles?q=off → {"titles": [...]}. Logged-in users only. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { searchShowTitles } from "~/services/profiles.server";
import { getSessionUser } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (!user)
    return Response.json({ message: "Log in to use title suggestions." }, { status: 401, headers: { "Cache-Control": "no-store" } });
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const titles = await searchShowTitles(q);
  return Response.json({ titles }, { headers: { "Cache-Control": "private, max-age=60" } });
}
