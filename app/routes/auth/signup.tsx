import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import {
  CheckboxField,
  FocusedFormErrors,
  InputField,
  RadioField,
  asSubmissionResult,
  firstErrorField,
  parseSubmission,
  replyOptions,
  useAppForm,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { LEGAL_TEXTS } from "~/domain/legal";
import { signupSchema } from "~/domain/schemas";
import { redirectWithFlash } from "~/flash.server";
import { readForm } from "~/http.server";
import { signup } from "~/services/auth.server";
import { getSessionUser } from "~/session.server";

export const meta: MetaFunction = () => [{ title: "Sign up · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return null;
}

/** The password is never sent back to the browser, not even in a refusal. */
const HIDDEN = ["_csrf", "password"];

/** The same for a new and an already registered address (no enumeration): the email says which. */
const SIGNUP_RECEIVED = "Sign-up received. One step left: open the link we emailed you.";

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const submission = parseSubmission(form, signupSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  const result = await signup(submission.value, { ip: context.ip, request });
  if (!result.ok) return data(submission.reply({ ...replyOptions(result.errors), hideFields: HIDDEN }), { status: result.status });
  return redirectWithFlash(request, "/check-email", SIGNUP_RECEIVED);
}

const ORDER = ["accountType", "name", "email", "password", "labName", "acceptTerms"] as const;
const LABELS: Record<string, string> = {
  accountType: "I am",
  name: "Your name",
  email: "Email",
  password: "Password",
  labName: "Lab name",
  acceptTerms: "Terms of use and privacy notice",
};

export default function Signup() {
  const result = asSubmissionResult(useActionData<typeof action>());
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({
    id: "signup",
    schema: signupSchema,
    lastResult: result,
    defaultValue: { accountType: "PROFESSIONAL" },
  });
  const first = firstErrorField(result, ORDER);
  return (
    <section className="stack">
      <h1>Create your account</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FocusedFormErrors form={form} labels={LABELS} result={result} />
        <CsrfInput />
        <RadioField
          field={fields.accountType}
          label="I am"
          autoFocus={first === "accountType"}
          options={[
            { value: "PROFESSIONAL", label: "A TV professional looking for AI-training work" },
            { value: "LAB", label: "Posting gigs for an AI lab" },
          ]}
        />
        <InputField field={fields.name} label="Your name" required autoComplete="name" maxLength={120} autoFocus={first === "name"} />
        <InputField field={fields.email} label="Email" type="email" required autoComplete="email" autoFocus={first === "email"} />
        <InputField
          field={fields.password}
          label="Password"
          type="password"
          required
          autoComplete="new-password"
          hint="At least 10 characters."
          autoFocus={first === "password"}
        />
        <InputField
          field={fields.labName}
          label="Lab name (lab accounts only)"
          maxLength={120}
          hint="Leave empty for a professional account."
          autoFocus={first === "labName"}
        />
        <CheckboxField
          field={fields.acceptTerms}
          autoFocus={first === "acceptTerms"}
          hint={`Terms version ${LEGAL_TEXTS.TERMS_OF_USE.version}, privacy notice version ${LEGAL_TEXTS.PRIVACY_NOTICE.version}. Both open in a new tab.`}
          label={
            <>
              I accept the{" "}
              <Link to="/terms" target="_blank" rel="noopener">
                terms of use
              </Link>{" "}
              and the{" "}
              <Link to="/privacy" target="_blank" rel="noopener">
                privacy notice
              </Link>
              .
            </>
          }
        />
        <p>
          <button type="submit" disabled={busy}>
            {busy ? "Creating account..." : "Create account"}
          </button>
        </p>
      </Form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </section>
  );
}
