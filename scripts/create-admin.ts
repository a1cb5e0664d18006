/**
 * Creates an admin account: npm run create-admin -- admin@example.org "Ada Admin"
 * The password is read from ADMIN_PASSWORD or generated and printed once.
 */
import { randomBytes } from "node:crypto";
import { emailSchema, nameSchema, passwordSchema } from "~/domain/schemas";
import { openScriptDatabase } from "./lib/database";

const [emailArg, ...nameParts] = process.argv.slice(2);
const email = emailSchema.safeParse(emailArg);
const name = nameSchema.safeParse(nameParts.join(" ") || "Admin");
const password = process.env.ADMIN_PASSWORD ?? randomBytes(12).toString("base64url");
if (!email.success || !name.success || !passwordSchema.safeParse(password).success) {
  console.error('usage: npm run create-admin -- <email> "<name>"   (ADMIN_PASSWORD optional, at least 10 characters)');
  process.exit(2);
}
const database = await openScriptDatabase();
try {
  const { createStaffUser } = await import("~/services/auth.server");
  await createStaffUser({ email: email.data, name: name.data, password, role: "ADMIN" }, { id: null });
  console.log(`Admin ${email.data} created.${process.env.ADMIN_PASSWORD ? "" : ` Password: ${password}`}`);
} catch (e) {
  console.error(`Could not create the admin: ${(e as Error).message.split("\n").pop()}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
