import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../components/csrf";
import { ErrorSummary, TextField } from "../components/form";
import { db } from "../db.server";
import { changePasswordSchema } from "../domain/schemas";
import { formToObject, invalid, parseWith, readForm, refused } from "../http.server";
import { changePassword, resendConfirmation } from "../services/auth.server";
import { requireUser } from "../session.server";
import { redirectWithFlash, samePage } from "../flash.server";

export const meta: MetaFunction = () => [{ title: "Account · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [record, sessions] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true, name: true, role: true, emailVerifiedAt: true, emailNotifications: true } }),
    db().session.count({ where: { userId: user.id, expiresAt: { gt: new Date() } } }),
  ]);
  return { user: record, sessions };
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("password") }).passthrough(),
  z.object({ intent: z.literal("preferences"), emailNotifications: z.enum(["on"]).optional() }),
  z.object({ intent: z.literal("resend-confirmation") }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request, context);
  const values = formToObject(form);
  const intent = parseWith(intentSchema, values);
  if (!intent.ok) return invalid(intent.errors);
  if (intent.data.intent === "password") {
    const parsed = parseWith(changePasswordSchema, values);
    if (!parsed.ok) return invalid(parsed.errors);
    const result = await changePassword(user.id, parsed.data.current, parsed.data.password, { ip: context.ip, sessionId: user.sessionId });
    if (!result.ok) return invalid(result.errors);
    const others = result.otherSessionsEnded;
    return redirectWithFlash(request, samePage(request), `Password changed.${others > 0 ? ` Signed out ${others} other session${others === 1 ? "" : "s"}.` : ""}`);
  }
  if (intent.data.intent === "resend-confirmation") {
    const sent = await resendConfirmation(user.id, { ip: context.ip, request });
    if (!sent.ok) return refused(sent);
    return { ok: true as const, message: sent.message, errors: undefined };
  }
  await db().user.update({ where: { id: user.id }, data: { emailNotifications: intent.data.emailNotifications === "on" } });
  return redirectWithFlash(request, samePage(request), "Email preferences saved.");
}

export default function Account() {
  const { user, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>Your account</h1>
      <ErrorSummary errors={result?.errors} />
      <section className="card">
        <h2>Details</h2>
        <p>
          {user.name} · {user.email} · {user.role.replace("_", " ").toLowerCase()} ·{" "}
          {user.emailVerifiedAt ? <span className="pill ok">email confirmed</span> : <span className="pill warn">email not confirmed yet</span>}
        </p>
      </section>
      {!user.emailVerifiedAt && (
        <section className="card" id="confirm-email" aria-labelledby="confirm-email-title">
          <h2 id="confirm-email-title">Confirm your email address</h2>
          <p>
            Until you confirm {user.email}, you can build your profile but not apply to gigs, open a gig or create API tokens. Open the link we
            emailed you, or ask for a new one (the older links stop working).
          </p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="resend-confirmation" />
            <button type="submit">Send a new confirmation link</button>
          </Form>
        </section>
      )}
      <section className="card">
        <h2>Email notifications</h2>
        <Form method="post" className="stack">
          <CsrfInput />
          <input type="hidden" name="intent" value="preferences" />
          <label>
            <input type="checkbox" name="emailNotifications" defaultChecked={user.emailNotifications} /> Email me when something needs my action
          </label>
          <p>
            <button type="submit" className="secondary">Save preferences</button>
          </p>
        </Form>
      </section>
      <section className="card">
        <h2>Change password</h2>
        <Form method="post" className="stack" noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="password" />
          <TextField name="current" label="Current password" type="password" required autoComplete="current-password" errors={result?.errors} />
          <TextField name="password" label="New password" type="password" required autoComplete="new-password" errors={result?.errors} />
          <TextField name="confirm" label="Repeat the new password" type="password" required autoComplete="new-password" errors={result?.errors} />
          <p>
            <button type="submit">Change password</button>
          </p>
        </Form>
      </section>
      <section className="card">
        <h2>Sessions</h2>
        <p>You are logged in on {sessions} device{sessions === 1 ? "" : "s"}.</p>
        <Form method="post" action="/logout">
          <CsrfInput />
          <input type="hidden" name="everywhere" value="1" />
          <button type="submit" className="secondary">Log out everywhere</button>
        </Form>
      </section>
    </div>
  );
}
