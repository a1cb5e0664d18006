import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import {
  FocusedFormErrors,
  InputField,
  asSubmissionResult,
  firstErrorField,
  parseSubmission,
  replyOptions,
  useAppForm,
  useResetKey,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { forgotSchema } from "~/domain/schemas";
import { redirectWithFlash } from "~/flash.server";
import { readForm } from "~/http.server";
import { requestPasswordReset } from "~/services/auth.server";

export const meta: MetaFunction = () => [{ title: "Reset your password · Second Act" }];

export async function loader() {
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const submission = parseSubmission(form, forgotSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
  const result = await requestPasswordReset(submission.value.email, { ip: context.ip, request });
  if (!result.ok)
    return data(submission.reply(replyOptions({ _form: [result.message ?? "Try again later."] })), { status: result.status ?? 429 });
  // The same answer whether or not the address has an account (no enumeration).
  return redirectWithFlash(
    request,
    "/forgot-password",
    "If an account exists for that address, we have sent it a link to reset the password. The link is valid for one hour.",
  );
}

function ForgotForm() {
  const result = asSubmissionResult(useActionData<typeof action>());
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id: "forgot-password", schema: forgotSchema, lastResult: result });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FocusedFormErrors form={form} labels={{ email: "Email" }} result={result} />
      <CsrfInput />
      <InputField
        field={fields.email}
        label="Email"
        type="email"
        required
        autoComplete="email"
        autoFocus={firstErrorField(result, ["email"]) === "email"}
      />
      <p>
        <button type="submit" disabled={busy}>
          Send reset link
        </button>
      </p>
    </Form>
  );
}

export default function Forgot() {
  // Empty again after a request was sent (the page redirected to itself with the message).
  const resetKey = useResetKey();
  return (
    <section className="stack">
      <h1>Reset your password</h1>
      <ForgotForm key={resetKey} />
    </section>
  );
}
