import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import {
  FocusedFormErrors,
  InputField,
  RefusalMessage,
  asSubmissionResult,
  firstErrorField,
  parseSubmission,
  replyOptions,
  useAppForm,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { nameSchema, passwordSchema } from "~/domain/schemas";
import { redirectWithFlash, setFlash } from "~/flash.server";
import { readForm } from "~/http.server";
import { acceptInvite, acceptInviteAsUser, findInvite } from "~/services/labs.server";
import { actingUser } from "~/services/actor";
import { createSession, getSessionUser } from "~/session.server";
import { hasAccount } from "~/services/account.server";

export const meta: MetaFunction = () => [{ title: "Join a lab · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const invite = token.length > 10 && token.length < 200 ? await findInvite(token) : null;
  if (!invite) return { token, invite: null, viewer: null, registered: false };
  const viewer = await getSessionUser(request);
  // Only the holder of the emailed link learns whether the invited address has an account.
  const registered = !viewer && (await hasAccount(invite.email));
  return { token, invite: { email: invite.email, labName: invite.lab.name }, viewer: viewer ? { email: viewer.email } : null, registered };
}

const tokenSchema = z.string().min(10, "This invitation link is not valid.").max(200, "This invitation link is not valid.");
/** A new account for the invited address (the default when no intent is sent). */
const joinSchema = z.object({ intent: z.literal("join").default("join"), token: tokenSchema, name: nameSchema, password: passwordSchema });
/** The signed-in viewer accepts with the account they have. */
const acceptSchema = z.object({ intent: z.literal("accept"), token: tokenSchema });

const HIDDEN = ["_csrf", "password"];

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  if (form.get("intent") === "accept") {
    const submission = parseSubmission(form, acceptSchema);
    if (submission.status !== "success") return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
    const user = await getSessionUser(request);
    if (!user) throw redirect(`/login?next=${encodeURIComponent(`/join-lab?token=${submission.value.token}`)}`);
    const r = await acceptInviteAsUser(submission.value.token, actingUser(user, context.ip));
    if (!r.ok) return data(submission.reply(replyOptions(r.errors)), { status: 400 });
    return redirectWithFlash(request, "/lab", "You joined the lab.");
  }
  const submission = parseSubmission(form, joinSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  const r = await acceptInvite(submission.value.token, submission.value);
  if (!r.ok)
    return data(
      { ...submission.reply({ ...replyOptions(r.errors), hideFields: HIDDEN }), signIn: Boolean(r.signIn) },
      { status: r.signIn ? 409 : 400 },
    );
  const headers = new Headers();
  headers.append("Set-Cookie", await createSession(r.userId, { ip: context.ip, userAgent: request.headers.get("user-agent") }));
  headers.append("Set-Cookie", await setFlash(request, "Welcome! Your account was created and you joined the lab."));
  return redirect("/lab", { status: 303, headers });
}

function JoinForm({ token }: { token: string }) {
  const answer = useActionData<typeof action>();
  const result = asSubmissionResult(answer);
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id: "join-lab", schema: joinSchema, lastResult: result });
  const first = firstErrorField(result, ["name", "password"]);
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FocusedFormErrors form={form} labels={{ name: "Your name", password: "Password" }} result={result} />
      <CsrfInput />
      <input type="hidden" name="intent" value="join" />
      <input type="hidden" name="token" value={token} />
      <InputField field={fields.name} label="Your name" required autoComplete="name" maxLength={120} autoFocus={first === "name"} />
      <InputField
        field={fields.password}
        label="Password"
        type="password"
        required
        autoComplete="new-password"
        hint="At least 10 characters."
        autoFocus={first === "password"}
      />
      <p>
        <button type="submit" disabled={busy}>
          Join the lab
        </button>
      </p>
    </Form>
  );
}

export default function JoinLab() {
  const { token, invite, viewer, registered } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const result = asSubmissionResult(answer);
  if (!invite)
    return (
      <section>
        <h1>This invitation is not valid</h1>
        <p>It may have expired or been used already. Ask the lab's owner for a new one.</p>
      </section>
    );
  const signInLink = `/login?next=${encodeURIComponent(`/join-lab?token=${token}`)}`;
  const signIn = Boolean(answer && typeof answer === "object" && "signIn" in answer && answer.signIn);
  return (
    <section className="stack" style={{ maxWidth: 640 }}>
      <h1>Join {invite.labName}</h1>
      {viewer ? (
        <>
          {result && <RefusalMessage result={result} />}
          <p>
            You are signed in as {viewer.email}. The invitation was sent to {invite.email}.
          </p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="accept" />
            <input type="hidden" name="token" value={token} />
            <button type="submit">Accept with this account</button>
          </Form>
        </>
      ) : registered || signIn ? (
        <>
          {result && <RefusalMessage result={result} />}
          <p>
            {invite.email} already has a Second Act account. Sign in with it to accept the invitation; if you forgot the password, reset it
            first.
          </p>
          <p className="actions">
            <Link className="button" to={signInLink}>
              Sign in to accept
            </Link>
            <Link to="/forgot-password">Reset the password</Link>
          </p>
        </>
      ) : (
        <>
          <p>Create your account for {invite.email}.</p>
          <JoinForm token={token} />
          <p className="muted">
            Already have an account with this address? <Link to={signInLink}>Sign in to accept</Link>.
          </p>
        </>
      )}
    </section>
  );
}
