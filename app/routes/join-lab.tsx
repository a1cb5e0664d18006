import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "../components/csrf";
import { ErrorSummary, TextField } from "../components/form";
import { nameSchema, passwordSchema } from "../domain/schemas";
import { formToObject, invalid, parseWith, readForm } from "../http.server";
import { acceptInvite, findInvite } from "../services/labs.server";
import { createSession } from "../session.server";

export const meta: MetaFunction = () => [{ title: "Join a lab · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const invite = token.length > 10 && token.length < 200 ? await findInvite(token) : null;
  return { token, invite: invite ? { email: invite.email, labName: invite.lab.name } : null };
}

const schema = z.object({ token: z.string().min(10).max(200), name: nameSchema, password: passwordSchema });

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseWith(schema, formToObject(await readForm(request, context)));
  if (!parsed.ok) return invalid(parsed.errors);
  const r = await acceptInvite(parsed.data.token, parsed.data);
  if (!r.ok) return invalid(r.errors);
  return redirect("/lab", { headers: { "Set-Cookie": await createSession(r.userId, { ip: context.ip, userAgent: request.headers.get("user-agent") }) } });
}

export default function JoinLab() {
  const { token, invite } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (!invite) return <section><h1>This invitation is not valid</h1><p>It may have expired or been used already. Ask the lab's owner for a new one.</p></section>;
  return (
    <section className="stack">
      <h1>Join {invite.labName}</h1>
      <p>Create your account for {invite.email}.</p>
      <ErrorSummary errors={result?.errors} />
      <Form method="post" className="stack" noValidate>
        <CsrfInput />
        <input type="hidden" name="token" value={token} />
        <TextField name="name" label="Your name" required errors={result?.errors} />
        <TextField name="password" label="Password" type="password" required autoComplete="new-password" errors={result?.errors} />
        <p><button type="submit">Join the lab</button></p>
      </Form>
    </section>
  );
}
