import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../components/csrf";
import { ErrorSummary, TextField } from "../components/form";
import { RESEND_CONFIRMATION_PATH, canRevokeTokens, tokenCreationRefusal } from "../domain/accounts";
import { formToObject, invalid, notFound, parseWith, readForm, refused } from "../http.server";
import { assertCanManageLab, deny } from "../permissions.server";
import { createApiToken, getLabBySlug, listApiTokens, revokeApiToken } from "../services/labs.server";
import { requireUser } from "../session.server";
import { redirectWithFlash, samePage } from "../flash.server";
import { Time } from "../components/time";

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

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), name: z.string().trim().min(1, "Name the token, e.g. the system that uses it.").max(80, "Use at most 80 characters.") }),
  z.object({ intent: z.literal("revoke"), tokenId: z.string().min(1).max(40) }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, lab } = await guard(request, params.slug);
  const parsed = parseWith(schema, formToObject(await readForm(request, context)));
  if (!parsed.ok) return invalid(parsed.errors);
  if (parsed.data.intent === "create") {
    const created = await createApiToken(lab.id, parsed.data.name, user);
    if (!created.ok) return refused(created);
    return redirectWithFlash(request, samePage(request), "Token created. Copy it now: it is shown only once.", { secret: created.token });
  }
  if (!canRevokeTokens(user, lab.id)) deny("Only the lab's owners can revoke API tokens.");
  const revoked = await revokeApiToken(lab.id, parsed.data.tokenId, user);
  return revoked ? redirectWithFlash(request, samePage(request), "Token revoked.") : invalid({ _form: ["No such active token."] });
}

export default function Tokens() {
  const { lab, tokens, createRefusal, canRevoke } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="stack">
      <h1>API tokens for {lab.name}</h1>
      <p className="muted">Use a token as <code>Authorization: Bearer …</code> on the JSON API under /api/v1 (see /api/v1/openapi.json). Tokens are stored hashed. A token stops working when it is revoked or when the member who created it leaves the lab.</p>
      <ErrorSummary errors={result?.errors} />
      {createRefusal ? (
        <p className="alert warn" data-testid="token-refusal">
          {createRefusal.message}
          {createRefusal.reason === "unconfirmed" && <> <Link to={RESEND_CONFIRMATION_PATH}>Send a new confirmation link</Link>.</>}
        </p>
      ) : (
        <Form method="post" className="row">
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <TextField name="name" label="Token name" required errors={result?.errors} />
          <button type="submit">Create token</button>
        </Form>
      )}
      {tokens.length === 0 ? <p className="empty">No tokens yet.</p> : (
        <div className="table-scroll">
          <table>
            <thead><tr><th>Name</th><th>Prefix</th><th>Created</th><th>Created by</th><th>Last used</th><th>Status</th></tr></thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td><td><code>sa_{t.prefix}_…</code></td><td><Time iso={t.createdAt} /></td><td>{t.createdBy}</td><td>{t.lastUsedAt ? <Time iso={t.lastUsedAt} /> : "never"}</td>
                  <td>{t.revokedAt ? <span className="pill bad">revoked <Time iso={t.revokedAt} /></span> : canRevoke ? (
                    <Form method="post"><CsrfInput /><input type="hidden" name="intent" value="revoke" /><input type="hidden" name="tokenId" value={t.id} /><button type="submit" className="small danger" aria-label={`Revoke ${t.name}`}>Revoke</button></Form>
                  ) : <span className="pill ok">active</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
