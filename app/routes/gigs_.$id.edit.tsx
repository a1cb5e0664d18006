import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GigForm } from "../components/gig-form";
import { db } from "../db.server";
import { redirectWithFlash } from "../flash.server";
import { GIG_FORM_MULTI, gigFormToInput } from "../domain/gigs";
import { formToObject, invalid, notFound, readForm } from "../http.server";
import { assertCanManageLab } from "../permissions.server";
import { gigToInput, updateGig } from "../services/gigs.server";
import { requireUser } from "../session.server";

export const meta: MetaFunction = () => [{ title: "Edit gig · Second Act" }];

async function guard(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  const gig = id ? await db().gig.findUnique({ where: { id } }) : null;
  if (!gig) throw notFound("No such gig.");
  assertCanManageLab(user, gig.labId);
  return { user, gig };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { gig } = await guard(request, params.id);
  return { id: gig.id, status: gig.status, values: gigToInput(gig) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, gig } = await guard(request, params.id);
  const values = formToObject(await readForm(request, context), GIG_FORM_MULTI);
  const result = await updateGig(gig.id, gigFormToInput(values), { id: user.id, role: user.role, ip: context.ip });
  if (!result.ok) return invalid(result.errors, values);
  return redirectWithFlash(request, `/gigs/${gig.id}`, "Changes saved.");
}

export default function EditGig() {
  const { values, status } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (status === "CLOSED") return <p className="alert warn">This gig is closed and can no longer be edited.</p>;
  return (
    <section>
      <h1>Edit gig</h1>
      <GigForm values={(result?.values as Record<string, unknown>) ?? values} errors={result?.errors} submitLabel="Save changes" />
    </section>
  );
}
