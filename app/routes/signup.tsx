import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { CsrfInput } from "../components/csrf";
import { ErrorSummary, TextField } from "../components/form";
import { LEGAL_TEXTS } from "../domain/legal";
import { signupSchema } from "../domain/schemas";
import { formToObject, invalid, parseWith, readForm } from "../http.server";
import { signup } from "../services/auth.server";
import { getSessionUser } from "../session.server";

export const meta: MetaFunction = () => [{ title: "Sign up · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const values = formToObject(form);
  const parsed = parseWith(signupSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, { ...values, password: "" });
  const result = await signup(parsed.data, { ip: context.ip, request });
  if (!result.ok) return invalid(result.errors, { ...values, password: "" });
  // The same answer for a new and an already registered address: the emailed link signs in.
  return redirect("/check-email");
}

export default function Signup() {
  const result = useActionData<typeof action>();
  const errors = result && "errors" in result ? result.errors : undefined;
  const values = (result && "values" in result ? result.values : {}) as unknown as Record<string, string>;
  const [type, setType] = useState(values.accountType ?? "PROFESSIONAL");
  const busy = useNavigation().state === "submitting";
  return (
    <section className="stack">
      <h1>Create your account</h1>
      <ErrorSummary errors={errors} />
      <Form method="post" className="stack" noValidate>
        <CsrfInput />
        <fieldset className="field">
          <legend>I am</legend>
          <label>
            <input type="radio" name="accountType" value="PROFESSIONAL" checked={type === "PROFESSIONAL"} onChange={() => setType("PROFESSIONAL")} /> A TV professional looking for AI-training work
          </label>
          <label>
            <input type="radio" name="accountType" value="LAB" checked={type === "LAB"} onChange={() => setType("LAB")} /> Posting gigs for an AI lab
          </label>
          {errors?.accountType && <p className="field-error">{errors.accountType[0]}</p>}
        </fieldset>
        <TextField name="name" label="Your name" required autoComplete="name" errors={errors} defaultValue={values.name} />
        <TextField name="email" label="Email" type="email" required autoComplete="email" errors={errors} defaultValue={values.email} />
        <TextField name="password" label="Password" type="password" required autoComplete="new-password" hint="At least 10 characters." errors={errors} />
        <TextField name="labName" label="Lab name (lab accounts only)" errors={errors} defaultValue={values.labName} hint="Leave empty for a professional account." />
        <div className="field">
          <label>
            <input type="checkbox" name="acceptTerms" defaultChecked={values.acceptTerms === "on"} aria-describedby="terms-versions" /> I accept the{" "}
            <Link to="/terms" target="_blank" rel="noopener">
              terms of use
            </Link>{" "}
            and the{" "}
            <Link to="/privacy" target="_blank" rel="noopener">
              privacy notice
            </Link>
            .
          </label>
          <p id="terms-versions" className="hint">
            Terms version {LEGAL_TEXTS.TERMS_OF_USE.version}, privacy notice version {LEGAL_TEXTS.PRIVACY_NOTICE.version}. Both open in a new tab.
          </p>
          {errors?.acceptTerms && <p className="field-error">{errors.acceptTerms[0]}</p>}
        </div>
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
