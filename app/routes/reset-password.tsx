import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "../components/csrf";
import { ErrorSummary, TextField } from "../components/form";
import { resetSchema } from "../domain/schemas";
import { formToObject, invalid, parseWith, readForm } from "../http.server";
import { resetPassword } from "../services/auth.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { token: new URL(request.url).searchParams.get("token") ?? "" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const parsed = parseWith(resetSchema, formToObject(form));
  if (!parsed.ok) return invalid(parsed.errors);
  const result = await resetPassword(parsed.data.token, parsed.data.password, { ip: context.ip });
  if (!result.ok) return invalid(result.errors);
  return redirect("/login?reset=1");
}

export default function Reset() {
  const { token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors;
  return (
    <section className="stack">
      <h1>Choose a new password</h1>
      <ErrorSummary errors={errors} />
      {errors?.token && <p className="alert error">{errors.token[0]}</p>}
      <Form method="post" className="stack" noValidate>
        <CsrfInput />
        <input type="hidden" name="token" value={token} />
        <TextField name="password" label="New password" type="password" required autoComplete="new-password" errors={errors} hint="At least 10 characters." />
        <TextField name="confirm" label="Repeat the new password" type="password" required autoComplete="new-password" errors={errors} />
        <p>
          <button type="submit">Save password</button>
        </p>
      </Form>
    </section>
  );
}
