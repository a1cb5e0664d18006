import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../components/csrf";
import { ErrorSummary, TextField } from "../components/form";
import { db } from "../db.server";
import { emailSchema } from "../domain/schemas";
import { formToObject, invalid, notFound, parseWith, readForm } from "../http.server";
import { canOwnLab, deny } from "../permissions.server";
import { getLabBySlug, inviteMember, removeMember } from "../services/labs.server";
import { requireUser } from "../session.server";
import { redirectWithFlash, samePage } from "../flash.server";
import { Time } from "../components/time";

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
  const [members, invites] = await Promise.all([
    db().labMember.findMany({ where: { labId: lab.id }, include: { user: { select: { id: true, name: true, email: true } } } }),
    db().labInvite.findMany({ where: { labId: lab.id, acceptedAt: null, expiresAt: { gt: new Date() } } }),
  ]);
  return {
    lab: { name: lab.name },
    members: members.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role })),
    invites: invites.map((i) => ({ email: i.email, expiresAt: i.expiresAt.toISOString() })),
  };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: emailSchema }),
  z.object({ intent: z.literal("remove"), userId: z.string().min(1).max(40) }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, lab } = await guard(request, params.slug);
  const parsed = parseWith(schema, formToObject(await readForm(request, context)));
  if (!parsed.ok) return invalid(parsed.errors);
  if (parsed.data.intent === "invite") {
    await inviteMember(lab.id, parsed.data.email, user);
    return redirectWithFlash(request, samePage(request), `Invitation sent to ${parsed.data.email}.`);
  }
  const r = await removeMember(lab.id, parsed.data.userId, user);
  if (!r.ok) return invalid({ _form: [r.message] });
  const tokens = r.tokensRevoked > 0 ? ` ${r.tokensRevoked} API token${r.tokensRevoked === 1 ? "" : "s"} they created ${r.tokensRevoked === 1 ? "was" : "were"} revoked.` : "";
  return redirectWithFlash(request, samePage(request), `Member removed.${tokens}`);
}

export default function Members() {
  const { lab, members, invites } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="stack">
      <h1>Members of {lab.name}</h1>
      <ErrorSummary errors={result?.errors} />
      <table>
        <thead><tr><th>Name</th><th>Email</th><th>Role</th><th /></tr></thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.userId}>
              <td>{m.name}</td><td>{m.email}</td><td>{m.role.toLowerCase()}</td>
              <td><Form method="post"><CsrfInput /><input type="hidden" name="intent" value="remove" /><input type="hidden" name="userId" value={m.userId} /><button type="submit" className="small danger">Remove</button></Form></td>
            </tr>
          ))}
        </tbody>
      </table>
      {invites.length > 0 && (
        <p className="muted">
          Pending invitations:{" "}
          {invites.map((i, n) => (
            <span key={i.email}>
              {n > 0 && ", "}
              {i.email} (expires <Time iso={i.expiresAt} />)
            </span>
          ))}
        </p>
      )}
      <Form method="post" className="row">
        <CsrfInput />
        <input type="hidden" name="intent" value="invite" />
        <TextField name="email" label="Invite by email" type="email" required errors={result?.errors} />
        <button type="submit">Send invitation</button>
      </Form>
    </section>
  );
}
