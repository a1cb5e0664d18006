import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireRole } from "~/permissions.server";

/** A lab member's home: their lab's page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "LAB_MEMBER");
  return redirect(user.labSlug ? `/labs/${user.labSlug}` : "/");
}
