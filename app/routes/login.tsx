import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "../components/csrf";
import { db } from "../db.server";
import { ErrorSummary, TextField } from "../components/form";
import { loginSchema, safeNext } from "../domain/schemas";
import { formToObject, invalid, parseWith, readForm } from "../http.server";
import { login } from "../services/auth.server";
import { createSession, destroySession, getSessionUser } from "../session.server";

export const meta: MetaFunction = () => [{ title: "Log in · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const values = formToObject(form);
  const parsed = parseWith(loginSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, { email: values.email });
  const result = await login(parsed.data, { ip: context.ip });
  if (!result.ok) {
    return data({ ok: false as const, errors: result.errors, values: { email: parsed.data.email } }, { status: result.status });
  }
  // Rotate: drop any session this browser had, then issue a brand-new token.
  const headers = new Headers();
  await destroySession(request);
  headers.append("Set-Cookie", await createSession(result.userId, { ip: context.ip, userAgent: request.headers.get("user-agent") }));
  const user = await db().user.findUniqueOrThrow({ where: { id: result.userId }, select: { role: true } });
  const home = user.role === "PROFESSIONAL" ? "/me" : user.role === "LAB_MEMBER" ? "/lab" : "/coord";
  return redirect(safeNext(parsed.data.next, home), { headers });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors;
  return (
    <section className="stack">
      <h1>Log in</h1>
      {params.get("reset") && <p className="alert ok">Your password was changed. Log in with the new one.</p>}
      <ErrorSummary errors={errors} />
      <Form method="post" className="stack" noValidate>
        <CsrfInput />
        <input type="hidden" name="next" value={params.get("next") ?? ""} />
        <TextField name="email" label="Email" type="email" required autoComplete="email" errors={errors} defaultValue={result?.values?.email as string} />
        <TextField name="password" label="Password" type="password" required autoComplete="current-password" errors={errors} />
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
