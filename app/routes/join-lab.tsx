import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../components/csrf";
import { ErrorSummary, TextField } from "../components/form";
import { db } from "../db.server";
import { nameSchema, passwordSchema } from "../domain/schemas";
import { formToObject, invalid, parseWith, readForm } from "../http.server";
import { acceptInvite, acceptInviteAsUser, findInvite } from "../services/labs.server";
import { createSession, getSessionUser } from "../session.server";

export const meta: MetaFunction = () => [{ title: "Join a lab · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const invite = token.length > 10 && token.length < 200 ? await findInvite(token) : null;
  if (!invite) return { token, invite: null, viewer: null, registered: false };
  const viewer = await getSessionUser(request);
  // Only the holder of the emailed link learns whether the invited address has an account.
  const registered = !viewer && Boolean(await db().user.findUnique({ where: { email: invite.email }, select: { id: true } }));
  return { token, invite: { email: invite.email, labName: invite.lab.name }, viewer: viewer ? { email: viewer.email } : null, registered };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("join"), token: z.string().min(10).max(200), name: nameSchema, password: passwordSchema }),
  z.object({ intent: z.literal("accept"), token: z.string().min(10).max(200) }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const values = formToObject(await readForm(request, context));
  const parsed = parseWith(schema, { intent: "join", ...values });
  if (!parsed.ok) return invalid(parsed.errors);
  if (parsed.data.intent === "accept") {
    const user = await getSessionUser(request);
    if (!user) throw redirect(`/login?next=${encodeURIComponent(`/join-lab?token=${parsed.data.token}`)}`);
    const r = await acceptInviteAsUser(parsed.data.token, user);
    if (!r.ok) return invalid(r.errors);
    return redirect("/lab");
  }
  const r = await acceptInvite(parsed.data.token, parsed.data);
  if (!r.ok) return data({ ok: false as const, errors: r.errors, signIn: Boolean(r.signIn) }, { status: r.signIn ? 409 : 400 });
  return redirect("/lab", { headers: { "Set-Cookie": await createSession(r.userId, { ip: context.ip, userAgent: request.headers.get("user-agent") }) } });
}

export default function JoinLab() {
  const { token, invite, viewer, registered } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (!invite) return <section><h1>This invitation is not valid</h1><p>It may have expired or been used already. Ask the lab's owner for a new one.</p></section>;
  const signInLink = `/login?next=${encodeURIComponent(`/join-lab?token=${token}`)}`;
  return (
    <section className="stack" style={{ maxWidth: 640 }}>
      <h1>Join {invite.labName}</h1>
      <ErrorSummary errors={result?.errors} />
      {viewer ? (
        <>
          <p>You are signed in as {viewer.email}. The invitation was sent to {invite.email}.</p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="accept" />
            <input type="hidden" name="token" value={token} />
            <button type="submit">Accept with this account</button>
          </Form>
        </>
      ) : registered || (result && "signIn" in result && result.signIn) ? (
        <>
          <p>{invite.email} already has a Second Act account. Sign in with it to accept the invitation; if you forgot the password, reset it first.</p>
          <p className="actions">
            <Link className="button" to={signInLink}>Sign in to accept</Link>
            <Link to="/forgot-password">Reset the password</Link>
          </p>
        </>
      ) : (
        <>
          <p>Create your account for {invite.email}.</p>
          <Form method="post" className="stack" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="join" />
            <input type="hidden" name="token" value={token} />
            <TextField name="name" label="Your name" required errors={result?.errors} />
            <TextField name="password" label="Password" type="password" required autoComplete="new-password" errors={result?.errors} />
            <p><button type="submit">Join the lab</button></p>
          </Form>
          <p className="muted">Already have an account with this address? <Link to={signInLink}>Sign in to accept</Link>.</p>
        </>
      )}
    </section>
  );
}
