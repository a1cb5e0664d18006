import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readForm } from "../http.server";
import { audit } from "../services/audit.server";
import { destroyAllSessions, destroySession, getSessionUser } from "../session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const user = await getSessionUser(request);
  if (user && form.get("everywhere") === "1") {
    await destroyAllSessions(user.id);
    await audit({ actorId: user.id, actorRole: user.role, action: "auth.logout_everywhere", entityType: "User", entityId: user.id, ip: context.ip });
  } else if (user) {
    await audit({ actorId: user.id, actorRole: user.role, action: "auth.logout", entityType: "User", entityId: user.id, ip: context.ip });
  }
  return redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
}
