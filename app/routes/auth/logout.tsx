import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readForm } from "~/http.server";
import { recordLogout } from "~/services/auth.server";
import { destroySession, getSessionUser } from "~/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const user = await getSessionUser(request);
  if (user) await recordLogout({ id: user.id, role: user.role, ip: context.ip }, form.get("everywhere") === "1");
  return redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
}
