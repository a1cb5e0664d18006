/**
 * A lab's API tokens: create (owners), revoke. Both forms are on the one pipeline
 * (app/components/conform.tsx). A new token's secret travels in the one-time flash cookie and is
 * shown once, on the page the redirect leads to; a reload no longer has it.
 */
import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import {
  FormLevelErrors,
  InputField,
  RefusalMessage,
  type SubmissionResult,
  asSubmissionResult,
  parseSubmission,
  refusalResult,
  replyOptions,
  useAppForm,
  useResetKey,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { RESEND_CONFIRMATION_PATH, tokenCreationRefusal } from "~/domain/accounts";
import { notFound, readForm } from "~/http.server";
import { assertCanManageLab, canRevokeTokens, deny } from "~/permissions.server";
import { createApiToken, getLabBySlug, listApiTokens, revokeApiToken } from "~/services/labs.server";
import { actingUser } from "~/services/actor";
import { requireUser } from "~/session.server";
import { redirectWithFlash, samePage } from "~/flash.server";
import { Time } from "~/components/time";

export const meta: MetaFunction = () => [{ title: "API tokens · Second Act" }];

async function guard(request: Request, slug?: string) {
  const user = await requireUser(request);
  const lab = slug ? await getLabBySlug(slug) : null;
  if (!lab) throw notFound("No such lab.");
  assertCanManageLab(user, lab.id);
  return { user, lab };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, lab } = await guard(request, params.slug);
  const tokens = await listApiTokens(lab.id);
  return {
    lab: { name: lab.name, slug: lab.slug },
    // Why this viewer cannot create a token, if they cannot (shown instead of the form).
    createRefusal: tokenCreationRefusal(user, lab.id),
    canRevoke: canRevokeTokens(user, lab.id),
    tokens: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      createdAt: t.createdAt.toISOString(),
      createdBy: t.createdBy ? `${t.createdBy.name}${t.createdBy.stillMember ? "" : " (no longer in the lab)"}` : "a deleted account",
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      revokedAt: t.revokedAt?.toISOString() ?? null,
    })),
  };
}

export const createTokenSchema = z.object({
  intent: z.literal("create"),
  name: z
    .string({ error: "Name the token, e.g. the system that uses it." })
    .trim()
    .min(1, "Name the token, e.g. the system that uses it.")
    .max(80, "Use at most 80 characters."),
});
export const revokeTokenSchema = z.object({ intent: z.literal("revoke"), tokenId: z.string().min(1).max(40) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, lab } = await guard(request, params.slug);
  const form = await readForm(request, context);
  const intent = form.get("intent");
  if (intent === "create") {
    const submission = parseSubmission(form, createTokenSchema);
    if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
    const created = await createApiToken(lab.id, submission.value.name, actingUser(user, context.ip));
    if (!created.ok)
      return data(submission.reply(replyOptions({ _form: [created.message] })), {
        status: created.status >= 400 && created.status < 500 ? created.status : 400,
      });
    return redirectWithFlash(request, samePage(request), "Token created. Copy it now: it is shown only once.", { secret: created.token });
  }
  if (intent === "revoke") {
    const submission = parseSubmission(form, revokeTokenSchema);
    if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
    if (!canRevokeTokens(user, lab.id)) deny("Only the lab's owners can revoke API tokens.");
    const revoked = await revokeApiToken(lab.id, submission.value.tokenId, actingUser(user, context.ip));
    return revoked
      ? redirectWithFlash(request, samePage(request), "Token revoked.")
      : data(submission.reply(replyOptions({ _form: ["No such active token."] })), { status: 400 });
  }
  return data(refusalResult({ _form: ["Unknown action."] }), { status: 400 });
}

function CreateTokenForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id: "create-token", schema: createTokenSchema, lastResult, shouldValidate: "onSubmit" });
  return (
    <Form method="post" className="stack card" {...getFormProps(form)} aria-labelledby="create-token-h">
      <CsrfInput />
      <input type="hidden" name="intent" value="create" />
      <h2 id="create-token-h">Create a token</h2>
      <FormLevelErrors form={form} />
      <InputField
        field={fields.name}
        label="Token name"
        required
        autoComplete="off"
        hint="Up to 80 characters: name the system that will use it, e.g. “Nightly sync”."
        autoFocus={Boolean(fields.name.errors?.length)}
      />
      <p>
        <button type="submit" disabled={busy}>
          Create token
        </button>
      </p>
    </Form>
  );
}

function RevokeForm({ token, lastResult }: { token: { id: string; name: string }; lastResult?: SubmissionResult<string[]> }) {
  const [form] = useAppForm({ id: `revoke-${token.id}`, schema: revokeTokenSchema, lastResult });
  return (
    <Form method="post" {...getFormProps(form)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="revoke" />
      <input type="hidden" name="tokenId" value={token.id} />
      <FormLevelErrors form={form} />
      <button type="submit" className="small danger" aria-label={`Revoke ${token.name}`}>
        Revoke
      </button>
    </Form>
  );
}

export default function Tokens() {
  const { lab, tokens, createRefusal, canRevoke } = useLoaderData<typeof loader>();
  const result = asSubmissionResult(useActionData<typeof action>());
  const resetKey = useResetKey();
  const answered = result?.initialValue;
  return (
    <section className="stack">
      <h1>API tokens for {lab.name}</h1>
      <p className="muted">
        Use a token as <code>Authorization: Bearer …</code> on the JSON API under /api/v1 (see /api/v1/openapi.json). Tokens are stored
        hashed. A token stops working when it is revoked or when the member who created it leaves the lab.
      </p>
      {result && !answered && <RefusalMessage result={result} />}
      {createRefusal ? (
        <p className="alert warn" data-testid="token-refusal">
          {createRefusal.message}
          {createRefusal.reason === "unconfirmed" && (
            <>
              {" "}
              <Link to={RESEND_CONFIRMATION_PATH}>Send a new confirmation link</Link>.
            </>
          )}
        </p>
      ) : (
        <CreateTokenForm key={resetKey} lastResult={answered?.intent === "create" ? result : undefined} />
      )}
      {tokens.length === 0 ? (
        <p className="empty">No tokens yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="records">
            <thead>
              <tr>
                <th>Name</th>
                <th>Prefix</th>
                <th>Created</th>
                <th>Created by</th>
                <th>Last used</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id} id={`token-${t.id}`}>
                  <td data-label="Name">{t.name}</td>
                  <td data-label="Prefix">
                    <code>sa_{t.prefix}_…</code>
                  </td>
                  <td data-label="Created">
                    <Time iso={t.createdAt} />
                  </td>
                  <td data-label="Created by">{t.createdBy}</td>
                  <td data-label="Last used">{t.lastUsedAt ? <Time iso={t.lastUsedAt} /> : "never"}</td>
                  <td data-label="Status">
                    {t.revokedAt ? (
                      <span className="pill bad">
                        revoked <Time iso={t.revokedAt} />
                      </span>
                    ) : canRevoke ? (
                      <RevokeForm token={t} lastResult={answered?.intent === "revoke" && answered.tokenId === t.id ? result : undefined} />
                    ) : (
                      <span className="pill ok">active</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
