/** GET /me/data/export.json: "Download my data" for the signed-in professional (an attachment). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireProfessional } from "~/permissions.server";
import { exportMyData } from "~/services/privacy.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireProfessional(request);
  const data = await exportMyData({ id: user.id, role: user.role, ip: context.ip });
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
