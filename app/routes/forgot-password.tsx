import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { CsrfInput } from "../components/csrf";
import { ErrorSummary, TextField } from "../components/form";
import { forgotSchema } from "../domain/schemas";
import { formToObject, invalid, parseWith, readForm } from "../http.server";
import { requestPasswordReset } from "../services/auth.server";
import { redirectWithFlash } from "../flash.server";

export const meta: MetaFunction = () => [{ title: "Reset your password · Second Act" }];

export async function loader() {
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const parsed = parseWith(forgotSchema, formToObject(form));
  if (!parsed.ok) return invalid(parsed.errors);
  const result = await requestPasswordReset(parsed.data.email, { ip: context.ip, request });
  if (!result.ok) return data({ ok: false as const, errors: { _form: [result.message ?? "Try again later."] } }, { status: result.status ?? 429 });
  return redirectWithFlash(
    request,
    "/forgot-password",
    "If an account exists for that address, we have sent it a link to reset the password. The link is valid for one hour.",
  );
}

export default function Forgot() {
  const result = useActionData<typeof action>();
  return (
    <section className="stack">
      <h1>Reset your password</h1>
      <ErrorSummary errors={result?.errors} />
      <Form method="post" className="stack" noValidate>
        <CsrfInput />
        <TextField name="email" label="Email" type="email" required autoComplete="email" errors={result?.errors} />
        <p>
          <button type="submit">Send reset link</button>
        </p>
      </Form>
    </section>
  );
}
