/** GET /me/data/export.json: "Download my data" for the signed-in professional (an attachment). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireProfessional } from "../permissions.server";
import { exportPersonalData } from "../services/privacy.server";
import { audit } from "../services/audit.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireProfessional(request);
  const data = await exportPersonalData(user.id);
  await audit({ actorId: user.id, actorRole: user.role, action: "privacy.data_exported", entityType: "User", entityId: user.id, ip: context.ip });
  const body = JSON.stringify(data, (_key, value) => (typeof value === "bigint" ? value.toString() : value), 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="second-act-my-data-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
