import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  FocusedFormErrors,
  InputField,
  asSubmissionResult,
  firstErrorField,
  parseSubmission,
  replyOptions,
  useAppForm,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { resetSchema } from "~/domain/schemas";
import { redirectWithFlash } from "~/flash.server";
import { readForm } from "~/http.server";
import { resetPassword } from "~/services/auth.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return { token: new URL(request.url).searchParams.get("token") ?? "" };
}

/** Passwords are never sent back to the browser, not even in a refusal. */
const HIDDEN = ["_csrf", "password", "confirm"];

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const submission = parseSubmission(form, resetSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  const result = await resetPassword(submission.value.token, submission.value.password, { ip: context.ip });
  if (!result.ok) {
    // A bad link is about the whole form (the token is not a field the person can fix).
    const { token, ...rest } = result.errors as Record<string, string[] | undefined>;
    return data(submission.reply({ ...replyOptions({ ...rest, _form: [...(rest._form ?? []), ...(token ?? [])] }), hideFields: HIDDEN }), {
      status: 400,
    });
  }
  return redirectWithFlash(request, "/login", "Your password was changed. Log in with the new one.");
}

const LABELS = { password: "New password", confirm: "Repeat the new password", token: "Reset link" };

export default function Reset() {
  const { token } = useLoaderData<typeof loader>();
  const result = asSubmissionResult(useActionData<typeof action>());
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id: "reset-password", schema: resetSchema, lastResult: result });
  const first = firstErrorField(result, ["password", "confirm"]);
  const badLink = Boolean(form.allErrors.token?.length || (result?.error?.[""]?.length && !first));
  return (
    <section className="stack">
      <h1>Choose a new password</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FocusedFormErrors form={form} labels={LABELS} result={result} />
        {badLink && (
          <p>
            <Link to="/forgot-password">Ask for a new reset link</Link>
          </p>
        )}
        <CsrfInput />
        <input type="hidden" name="token" value={token} />
        <InputField
          field={fields.password}
          label="New password"
          type="password"
          required
          autoComplete="new-password"
          hint="At least 10 characters."
          autoFocus={first === "password"}
        />
        <InputField
          field={fields.confirm}
          label="Repeat the new password"
          type="password"
          required
          autoComplete="new-password"
          autoFocus={first === "confirm"}
        />
        <p>
          <button type="submit" disabled={busy}>
            Save password
          </button>
        </p>
      </Form>
    </section>
  );
}
