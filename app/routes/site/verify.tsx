/**
 * /verify: anyone checks a work credential someone sent them (issue 23): paste the signed file,
 * or a JSON Resume holding credentials, or upload the file. The answer says valid, revoked or
 * changed, for each credential found. Nothing is stored.
 */
import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, TextareaField, asSubmissionResult, parseSubmission, refusalResult, useAppForm } from "~/components/conform";
import { CredentialView } from "~/components/credential";
import { CsrfInput } from "~/components/csrf";
import { readForm } from "~/http.server";
import { verifyText } from "~/services/credentials.server";

export const meta: MetaFunction = () => [{ title: "Verify a work credential · Second Act" }];

const MAX_TEXT = 500_000;

const EMPTY = "Paste the credential file (or the JSON Resume holding it), or choose the file.";

// Empty is allowed here (a file may be chosen instead); the server refuses when both are empty.
const schema = z.object({
  document: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : ""),
    z.string().max(MAX_TEXT, "That is more than 500 KB: paste only the credential."),
  ),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const file = form.get("file");
  if (file && typeof file !== "string" && file.size > 0) {
    if (file.size > MAX_TEXT)
      return data(
        { result: refusalResult({ file: ["That file is more than 500 KB: choose the credential file itself."] }) },
        { status: 400 },
      );
    form.set("document", await file.text());
  }
  form.delete("file");
  const submission = parseSubmission(form, schema);
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["_csrf"] }) }, { status: 400 });
  if (!submission.value.document)
    return data({ result: submission.reply({ fieldErrors: { document: [EMPTY] }, hideFields: ["_csrf"] }) }, { status: 400 });
  const results = await verifyText(submission.value.document);
  return {
    result: null,
    verdicts: results.map((r) => ({
      status: r.status,
      message: r.message,
      credential: r.credential ?? null,
      revokedAt: r.revokedAt?.toISOString() ?? null,
      revokedReason: r.revokedReason ?? null,
      problems: r.problems ?? [],
    })),
  };
}

const LABELS = { document: "Credential", file: "File" };

export default function Verify() {
  const answer = useActionData<typeof action>();
  const result = answer ? asSubmissionResult(answer.result) : undefined;
  const [form, fields] = useAppForm({ id: "verify", schema, lastResult: result });
  const busy = useNavigation().state === "submitting";
  const verdicts = answer && "verdicts" in answer ? answer.verdicts : [];
  return (
    <div className="stack" style={{ maxWidth: 900 }}>
      <h1>Verify a work credential</h1>
      <p className="lede">
        Second Act signs every work credential it issues. Paste the credential someone sent you (the signed file, or a JSON Resume that
        holds one) to check that we issued it, that nothing in it was changed, and that it has not been revoked.
      </p>
      {verdicts.length > 0 && (
        <section className="stack" aria-label="Verification result">
          {verdicts.map((v, i) => (
            <CredentialView key={i} {...v} />
          ))}
        </section>
      )}
      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="card stack">
        <CsrfInput />
        <FormErrors form={form} labels={LABELS} />
        <TextareaField field={fields.document} label="Credential" hint="The whole file, starting with {" rows={10} />
        <div className="field">
          <label htmlFor="verify-file">…or choose the file</label>
          <input id="verify-file" name="file" type="file" accept="application/json,.json" />
        </div>
        <p>
          <button type="submit" disabled={busy}>
            {busy ? "Checking…" : "Verify"}
          </button>
        </p>
      </Form>
      <section className="card">
        <h2>Verify without this site</h2>
        <p>
          The signature is Ed25519 over the UTF-8 bytes of <code>second-act/work-credential/v1</code>, a line break, then the{" "}
          <code>credential</code> object as canonical JSON (keys sorted, no whitespace). The public keys are at{" "}
          <a href="/credentials/keys.json">/credentials/keys.json</a>; <code>proof.keyId</code> names the key. Revocation can only be
          checked here or through <code>POST /api/v1/credentials/verify</code>.
        </p>
      </section>
    </div>
  );
}
