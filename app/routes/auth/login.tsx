import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  asSubmissionResult,
  FocusedFormErrors,
  firstErrorField,
  InputField,
  parseSubmission,
  replyOptions,
  useAppForm,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { loginSchema, safeNext } from "~/domain/schemas";
import { readForm } from "~/http.server";
import { homePathFor } from "~/permissions.server";
import { roleOf } from "~/services/account.server";
import { login } from "~/services/auth.server";
import { createSession, destroySession, getSessionUser } from "~/session.server";

export const meta: MetaFunction = () => [{ title: "Log in · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return null;
}

/** The password is never sent back to the browser, not even in a refusal. */
const HIDDEN = ["_csrf", "password"];

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const submission = parseSubmission(form, loginSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  const result = await login(submission.value, { ip: context.ip });
  if (!result.ok) return data(submission.reply({ ...replyOptions(result.errors), hideFields: HIDDEN }), { status: result.status });
  // Rotate: drop any session this browser had, then issue a brand-new token.
  const headers = new Headers();
  await destroySession(request);
  headers.append("Set-Cookie", await createSession(result.userId, { ip: context.ip, userAgent: request.headers.get("user-agent") }));
  const role = await roleOf(result.userId);
  return redirect(safeNext(submission.value.next, homePathFor(role)), { headers });
}

const LABELS = { email: "Email", password: "Password" };

export default function Login() {
  const result = asSubmissionResult(useActionData<typeof action>());
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id: "login", schema: loginSchema, lastResult: result });
  const first = firstErrorField(result, ["email", "password"]);
  return (
    <section className="stack">
      <h1>Log in</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FocusedFormErrors form={form} labels={LABELS} result={result} />
        <CsrfInput />
        <input type="hidden" name="next" value={params.get("next") ?? ""} />
        <InputField field={fields.email} label="Email" type="email" required autoComplete="email" autoFocus={first === "email"} />
        <InputField
          field={fields.password}
          label="Password"
          type="password"
          required
          autoComplete="current-password"
          autoFocus={first === "password"}
        />
        <p>
          <button type="submit" disabled={busy}>
            {busy ? "Logging in..." : "Log in"}
          </button>
        </p>
      </Form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link> · New here? <Link to="/signup">Create an account</Link>
      </p>
    </section>
  );
}
