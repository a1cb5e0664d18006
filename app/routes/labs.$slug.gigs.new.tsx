import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GigForm } from "../components/gig-form";
import { redirectWithFlash } from "../flash.server";
import { GIG_FORM_MULTI, gigFormToInput } from "../domain/gigs";
import { formToObject, invalid, notFound, readForm } from "../http.server";
import { assertCanManageLab } from "../permissions.server";
import { createGig } from "../services/gigs.server";
import { getLabBySlug } from "../services/labs.server";
import { requireUser } from "../session.server";

export const meta: MetaFunction = () => [{ title: "Post a gig · Second Act" }];

async function guard(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const lab = slug ? await getLabBySlug(slug) : null;
  if (!lab) throw notFound("No such lab.");
  assertCanManageLab(user, lab.id);
  return { user, lab };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lab } = await guard(request, params.slug);
  return { lab: { name: lab.name, slug: lab.slug } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, lab } = await guard(request, params.slug);
  const values = formToObject(await readForm(request, context), GIG_FORM_MULTI);
  const result = await createGig(lab.id, gigFormToInput(values), { id: user.id, role: user.role, ip: context.ip });
  if (!result.ok) return invalid(result.errors, values);
  return redirectWithFlash(request, `/gigs/${result.gig.id}`, "Draft saved. Fill in anything missing below, then open it.");
}

export default function NewGig() {
  const { lab } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <h1>Post a gig for {lab.name}</h1>
      <p className="muted">Gigs start as drafts. You can open them once pay terms, a task type and the AI-use disclosure are filled in.</p>
      <GigForm values={(result?.values as Record<string, unknown>) ?? {}} errors={result?.errors} submitLabel="Save draft" />
    </section>
  );
}
