import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../components/csrf";
import { ErrorSummary, SelectField, TextField } from "../components/form";
import { db } from "../db.server";
import { Prisma } from "../generated/prisma/client";
import { emailSchema, nameSchema, passwordSchema } from "../domain/schemas";
import { formToObject, invalid, parseWith, readForm } from "../http.server";
import { requireRole } from "../permissions.server";
import { audit } from "../services/audit.server";
import { createStaffUser } from "../services/auth.server";
import { redirectWithFlash, samePage } from "../flash.server";
import { Time } from "../components/time";

export const meta: MetaFunction = () => [{ title: "Admin · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const [staff, counts, events] = await Promise.all([
    db().user.findMany({ where: { role: { in: ["COORDINATOR", "ADMIN"] } }, select: { id: true, name: true, email: true, role: true, disabledAt: true }, orderBy: { createdAt: "asc" } }),
    db().user.groupBy({ by: ["role"], _count: true }),
    db().event.findMany({ where: { action: { startsWith: "auth." } }, orderBy: { id: "desc" }, take: 20 }),
  ]);
  return {
    staff,
    counts: counts.map((c) => ({ role: c.role, count: c._count })),
    events: events.map((e) => ({ id: String(e.id), action: e.action, actorId: e.actorId, ip: e.ip, at: e.at.toISOString() })),
  };
}

const createSchema = z.object({ intent: z.literal("create"), name: nameSchema, email: emailSchema, password: passwordSchema, role: z.enum(["COORDINATOR", "ADMIN"]) });
const disableSchema = z.object({ intent: z.literal("toggle"), userId: z.string().min(1).max(40) });

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const values = formToObject(await readForm(request, context));
  if (values.intent === "toggle") {
    const parsed = parseWith(disableSchema, values);
    if (!parsed.ok) return invalid(parsed.errors);
    if (parsed.data.userId === admin.id) return invalid({ _form: ["You cannot disable your own account."] });
    const user = await db().user.findUnique({ where: { id: parsed.data.userId } });
    if (!user) return invalid({ _form: ["No such user."] });
    const disabledAt = user.disabledAt ? null : new Date();
    await db().$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { disabledAt } });
      if (disabledAt) await tx.session.deleteMany({ where: { userId: user.id } });
      await audit({ actorId: admin.id, actorRole: "ADMIN", action: disabledAt ? "user.disabled" : "user.enabled", entityType: "User", entityId: user.id, ip: context.ip }, tx);
    });
    return redirectWithFlash(request, samePage(request), disabledAt ? "Account disabled." : "Account enabled.");
  }
  const parsed = parseWith(createSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, { ...values, password: "" });
  try {
    await createStaffUser(parsed.data, { id: admin.id, ip: context.ip });
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") return invalid({ email: ["An account with this email already exists."] });
    throw e;
  }
  return redirectWithFlash(request, samePage(request), `${parsed.data.role === "ADMIN" ? "Admin" : "Coordinator"} account created.`);
}

export default function Admin() {
  const { staff, counts, events } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack" style={{ maxWidth: "none" }}>
      <h1>Admin</h1>
      <ErrorSummary errors={result?.errors} />
      <p>{counts.map((c) => `${c.count} ${c.role.toLowerCase().replace("_", " ")}s`).join(" · ")}</p>
      <section className="card">
        <h2>Staff</h2>
        <table>
          <thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Status</th></tr></thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td><td>{s.email}</td><td>{s.role}</td>
                <td>
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="toggle" />
                    <input type="hidden" name="userId" value={s.id} />
                    {s.disabledAt ? "disabled " : "active "}
                    <button type="submit" className="small secondary">{s.disabledAt ? "Enable" : "Disable"}</button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>Create a coordinator or admin</h2>
        <Form method="post" className="stack" noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <TextField name="name" label="Name" required errors={result?.errors} />
          <TextField name="email" label="Email" type="email" required errors={result?.errors} />
          <TextField name="password" label="Initial password" type="password" required errors={result?.errors} hint="They can change it under Account." />
          <SelectField name="role" label="Role" required options={[{ value: "COORDINATOR", label: "Coordinator" }, { value: "ADMIN", label: "Admin" }]} errors={result?.errors} />
          <p><button type="submit">Create account</button></p>
        </Form>
      </section>
      <section className="card">
        <h2>Recent security events</h2>
        <table>
          <thead><tr><th>When</th><th>Event</th><th>User</th><th>IP</th></tr></thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}><td><Time iso={e.at} /></td><td>{e.action}</td><td>{e.actorId ?? "unknown"}</td><td>{e.ip}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
