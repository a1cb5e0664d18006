import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import {
  FormErrors,
  FormLevelErrors,
  InputField,
  RefusalMessage,
  SelectInput,
  type SubmissionResult,
  asSubmissionResult,
  firstErrorField,
  parseSubmission,
  refusalResult,
  replyOptions,
  useAppForm,
  useResetKey,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { emailSchema, nameSchema, passwordSchema } from "~/domain/schemas";
import { roleCount } from "~/domain/accounts";
import { readForm } from "~/http.server";
import { requireRole } from "~/permissions.server";
import { adminOverview, createStaffAccount, toggleUserDisabled } from "~/services/admin.server";
import { redirectWithFlash, samePage } from "~/flash.server";
import { Time } from "~/components/time";

export const meta: MetaFunction = () => [{ title: "Admin · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const { staff, counts, events } = await adminOverview();
  return {
    staff,
    counts: counts.map((c) => ({ role: c.role, count: c._count })),
    events: events.map((e) => ({ id: String(e.id), action: e.action, actorId: e.actorId, ip: e.ip, at: e.at.toISOString() })),
  };
}

export const createStaffSchema = z.object({
  intent: z.literal("create"),
  name: z.string({ error: "Enter their name." }).trim().min(1, "Enter their name.").pipe(nameSchema),
  email: z.string({ error: "Enter their email address." }).trim().min(1, "Enter their email address.").pipe(emailSchema),
  password: passwordSchema,
  role: z.enum(["COORDINATOR", "ADMIN"], { error: "Choose a role." }),
});
export const toggleSchema = z.object({ intent: z.literal("toggle"), userId: z.string().min(1).max(40) });

/** Never sent back to the browser on error (the form asks for it again). */
const HIDDEN = ["_csrf", "password"];

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const form = await readForm(request, context);
  const intent = form.get("intent");
  if (intent === "toggle") {
    const submission = parseSubmission(form, toggleSchema);
    if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
    const r = await toggleUserDisabled({ id: admin.id, role: admin.role, ip: context.ip }, submission.value.userId);
    if (!r.ok) return data(submission.reply(replyOptions({ _form: [r.message] })), { status: r.status });
    return redirectWithFlash(request, samePage(request), r.disabled ? `${r.name}'s account disabled.` : `${r.name}'s account enabled.`);
  }
  if (intent !== "create") return data(refusalResult({ _form: ["Unknown action."] }), { status: 400 });
  const submission = parseSubmission(form, createStaffSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  const created = await createStaffAccount(submission.value, { id: admin.id, role: admin.role, ip: context.ip });
  if (!created.ok)
    return data(submission.reply({ ...replyOptions(created.errors ?? { _form: [created.message] }), hideFields: HIDDEN }), {
      status: created.status,
    });
  return redirectWithFlash(
    request,
    samePage(request),
    `${submission.value.role === "ADMIN" ? "Admin" : "Coordinator"} account created for ${submission.value.email}.`,
  );
}

const CREATE_FIELD_ORDER = ["name", "email", "password", "role"] as const;
const CREATE_LABELS: Record<string, string> = { name: "Name", email: "Email", password: "Initial password", role: "Role" };

function CreateStaffForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id: "create-staff", schema: createStaffSchema, lastResult });
  const first = firstErrorField(lastResult, CREATE_FIELD_ORDER);
  return (
    <Form method="post" className="stack" {...getFormProps(form)} aria-labelledby="create-staff-h">
      <CsrfInput />
      <input type="hidden" name="intent" value="create" />
      <h2 id="create-staff-h">Create a coordinator or admin</h2>
      <FormErrors form={form} labels={CREATE_LABELS} />
      <InputField field={fields.name} label="Name" required maxLength={120} autoComplete="off" autoFocus={first === "name"} />
      <InputField
        field={fields.email}
        label="Email"
        type="email"
        required
        maxLength={254}
        autoComplete="off"
        autoFocus={first === "email"}
      />
      <InputField
        field={fields.password}
        label="Initial password"
        type="password"
        required
        autoComplete="new-password"
        hint="At least 10 characters. They can change it under Account."
        autoFocus={first === "password"}
      />
      <SelectInput
        field={fields.role}
        label="Role"
        required
        empty="Choose a role"
        options={[
          { value: "COORDINATOR", label: "Coordinator" },
          { value: "ADMIN", label: "Admin" },
        ]}
        autoFocus={first === "role"}
      />
      <p>
        <button type="submit" disabled={busy}>
          Create account
        </button>
      </p>
    </Form>
  );
}

function ToggleForm({
  person,
  lastResult,
}: {
  person: { id: string; name: string; disabledAt: unknown };
  lastResult?: SubmissionResult<string[]>;
}) {
  const [form] = useAppForm({ id: `toggle-${person.id}`, schema: toggleSchema, lastResult });
  const label = person.disabledAt ? "Enable" : "Disable";
  return (
    <Form method="post" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="toggle" />
      <input type="hidden" name="userId" value={person.id} />
      <FormLevelErrors form={form} />
      {person.disabledAt ? "Disabled " : "Active "}
      <button type="submit" className="small secondary" aria-label={`${label} ${person.name}`}>
        {label}
      </button>
    </Form>
  );
}

export default function Admin() {
  const { staff, counts, events } = useLoaderData<typeof loader>();
  const result = asSubmissionResult(useActionData<typeof action>());
  const answered = result?.initialValue;
  const resetKey = useResetKey();
  return (
    <div className="stack" style={{ maxWidth: "none" }}>
      <h1>Admin</h1>
      {result && !answered && <RefusalMessage result={result} />}
      <p>{counts.map((c) => roleCount(c.role, c.count)).join(" · ")}</p>
      <section className="card">
        <h2>Staff</h2>
        <table className="records">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id}>
                <td data-label="Name">{s.name}</td>
                <td data-label="Email">{s.email}</td>
                <td data-label="Role">{s.role === "ADMIN" ? "Admin" : "Coordinator"}</td>
                <td data-label="Status">
                  <ToggleForm person={s} lastResult={answered?.intent === "toggle" && answered.userId === s.id ? result : undefined} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <CreateStaffForm key={resetKey} lastResult={answered?.intent === "create" ? result : undefined} />
      </section>
      <section className="card">
        <h2>Recent security events</h2>
        <table className="records">
          <thead>
            <tr>
              <th>When</th>
              <th>Event</th>
              <th>User</th>
              <th>IP</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td data-label="When">
                  <Time iso={e.at} />
                </td>
                <td data-label="Event">{e.action}</td>
                <td data-label="User">{e.actorId ?? "unknown"}</td>
                <td data-label="IP">{e.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
