/** Helpers for the profile, import and rule-editor integration tests. */
import { db } from "~/db.server";
import { outboxSeen } from "../setup/db";
import { type Client, logIn, signUp } from "../setup/http";
import { staff } from "./fixtures";

export const GOOD_CREDIT = {
  showTitle: "Harbor Lights",
  network: "Northwind",
  format: "MULTI_CAM_SITCOM",
  genres: ["COMEDY"],
  role: "STAFF_WRITER",
  startYear: "1985",
  endYear: "1990",
  episodes: "120",
};

export async function professional(base: string, name = "Pat Pro") {
  const { client, email } = await signUp(base, { name });
  const user = await db().user.findUniqueOrThrow({ where: { email }, include: { profile: true } });
  return { client, email, userId: user.id, profileId: user.profile!.id };
}

export async function labMember(base: string) {
  const { client, email } = await signUp(base, { type: "LAB" });
  return { client, email };
}

export async function coordinator(base: string, role: "COORDINATOR" | "ADMIN" = "COORDINATOR") {
  const { email, user } = await staff(role);
  const client = await logIn(base, email);
  return { client, email, user };
}

/** Posts a multipart form like a browser (file inputs included), with the CSRF token. */
export async function postMultipart(
  client: Client,
  path: string,
  fields: Record<string, string>,
  file?: { field?: string; bytes: Uint8Array | string; filename?: string; type?: string },
) {
  const form = new FormData();
  form.append("_csrf", await client.csrf());
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) {
    const bytes = typeof file.bytes === "string" ? new TextEncoder().encode(file.bytes) : file.bytes;
    form.append(
      file.field ?? "file",
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? "text/csv" }),
      file.filename ?? "credits.csv",
    );
  }
  return client.request(path, { method: "POST", body: form, headers: { origin: client.base } });
}

export async function addCredit(client: Client, fields: Record<string, string | string[]> = {}) {
  return client.post("/me/profile/credits", { intent: "save", ...GOOD_CREDIT, ...fields });
}

export async function creditsOf(profileId: string) {
  return db().credit.findMany({
    where: { profileId },
    orderBy: [{ position: "asc" }, { startYear: "desc" }, { createdAt: "asc" }, { id: "asc" }],
  });
}

/** Outbox rows ever enqueued for the profile (the worker drains the table itself at once). */
export function outboxCount(profileId: string) {
  return outboxSeen("people", profileId);
}
