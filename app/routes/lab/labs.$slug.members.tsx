/**
 * A lab's members: invite by email, remove a member. Both forms are on the one pipeline
 * (app/components/conform.tsx): the same zod schemas validate in the browser and here, a refusal
 * is shown in the form (and row) it is about, and success is post/redirect/get with a flash message.
 */
import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import {
  FormLevelErrors,
  InputField,
  RefusalMessage,
  type SubmissionResult,
  asSubmissionResult,
  parseSubmission,
  refusalResult,
  replyOptions,
  useAppForm,
  useResetKey,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { Time } from "~/components/time";
import { emailSchema } from "~/domain/schemas";
import { redirectWithFlash, samePage } from "~/flash.server";
import { notFound, readForm } from "~/http.server";
import { canOwnLab, deny } from "~/permissions.server";
import { getLabBySlug, inviteMember, labMembersAndInvites, removeMember } from "~/services/labs.server";
import { actingUser } from "~/services/actor";
import { requireUser } from "~/session.server";

export const meta: MetaFunction = () => [{ title: "Lab members · Second Act" }];

async function guard(request: Request, slug?: string) {
  const user = await requireUser(request);
  const lab = slug ? await getLabBySlug(slug) : null;
  if (!lab) throw notFound("No such lab.");
  if (!canOwnLab(user, lab.id)) deny("Only the lab's owners can manage members.");
  return { user, lab };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lab } = await guard(request, params.slug);
  const { members, invites } = await labMembersAndInvites(lab.id);
  return {
    lab: { name: lab.name },
    members: members.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role })),
    invites: invites.map((i) => ({ email: i.email, expiresAt: i.expiresAt.toISOString() })),
  };
}

/** The invite form; the browser checks the address with the same schema before sending it. */
const WHO = "Enter the email address of the person to invite.";
export const inviteSchema = z.object({ intent: z.literal("invite"), email: z.string({ error: WHO }).trim().min(1, WHO).pipe(emailSchema) });
export const removeSchema = z.object({ intent: z.literal("remove"), userId: z.string().min(1).max(40) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, lab } = await guard(request, params.slug);
  const form = await readForm(request, context);
  const intent = form.get("intent");
  if (intent === "invite") {
    const submission = parseSubmission(form, inviteSchema);
    if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
    await inviteMember(lab.id, submission.value.email, actingUser(user, context.ip));
    return redirectWithFlash(request, samePage(request), `Invitation sent to ${submission.value.email}.`);
  }
  if (intent === "remove") {
    const submission = parseSubmission(form, removeSchema);
    if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
    const r = await removeMember(lab.id, submission.value.userId, actingUser(user, context.ip));
    if (!r.ok) return data(submission.reply(replyOptions({ _form: [r.message] })), { status: 400 });
    const tokens =
      r.tokensRevoked > 0
        ? ` ${r.tokensRevoked} API token${r.tokensRevoked === 1 ? "" : "s"} they created ${r.tokensRevoked === 1 ? "was" : "were"} revoked.`
        : "";
    return redirectWithFlash(request, samePage(request), `Member removed.${tokens}`);
  }
  return data(refusalResult({ _form: ["Unknown action."] }), { status: 400 });
}

function InviteForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id: "invite", schema: inviteSchema, lastResult, shouldValidate: "onSubmit" });
  return (
    <Form method="post" className="stack card" {...getFormProps(form)} aria-labelledby="invite-h">
      <CsrfInput />
      <input type="hidden" name="intent" value="invite" />
      <h2 id="invite-h">Invite someone</h2>
      <FormLevelErrors form={form} />
      <InputField
        field={fields.email}
        label="Invite by email"
        type="email"
        required
        maxLength={254}
        autoComplete="off"
        hint="They get a link to join the lab; it works for 7 days."
        autoFocus={Boolean(fields.email.errors?.length)}
      />
      <p>
        <button type="submit" disabled={busy}>
          Send invitation
        </button>
      </p>
    </Form>
  );
}

function RemoveForm({ member, lastResult }: { member: { userId: string; name: string }; lastResult?: SubmissionResult<string[]> }) {
  const [form] = useAppForm({ id: `remove-${member.userId}`, schema: removeSchema, lastResult });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="userId" value={member.userId} />
      <FormLevelErrors form={form} />
      <p>
        <button type="submit" className="small danger" aria-label={`Remove ${member.name}`}>
          Remove
        </button>
      </p>
    </Form>
  );
}

export default function Members() {
  const { lab, members, invites } = useLoaderData<typeof loader>();
  const result = asSubmissionResult(useActionData<typeof action>());
  const resetKey = useResetKey();
  const answered = result?.initialValue;
  return (
    <section className="stack">
      <h1>Members of {lab.name}</h1>
      {result && !answered && <RefusalMessage result={result} />}
      <div className="table-scroll">
        <table className="records">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId} id={`member-${m.userId}`}>
                <td data-label="Name">{m.name}</td>
                <td data-label="Email">{m.email}</td>
                <td data-label="Role">{m.role === "OWNER" ? "Owner" : "Member"}</td>
                <td data-label="Actions">
                  <RemoveForm member={m} lastResult={answered?.intent === "remove" && answered.userId === m.userId ? result : undefined} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {invites.length > 0 && (
        <p className="muted">
          Pending invitations:{" "}
          {invites.map((i, n) => (
            <span key={i.email}>
              {n > 0 && ", "}
              {i.email} (until <Time iso={i.expiresAt} relative={false} />)
            </span>
          ))}
        </p>
      )}
      <InviteForm key={resetKey} lastResult={answered?.intent === "invite" ? result : undefined} />
    </section>
  );
}
