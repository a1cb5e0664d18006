import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { asSubmissionResult, parseSubmission, replyOptions } from "~/components/conform";
import { GigForm } from "~/components/gig-form";
import { gigEditFormSchema, gigFormDefaults } from "~/domain/gigs";
import { languageName } from "~/domain/languages";
import { redirectWithFlash } from "~/flash.server";
import { notFound, readForm } from "~/http.server";
import { assertCanManageLab } from "~/permissions.server";
import { getGig, gigToInput, updateGig } from "~/services/gigs.server";
import { requireUser } from "~/session.server";

export const meta: MetaFunction = () => [{ title: "Edit gig · Second Act" }];

async function guard(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  const gig = id ? await getGig(id) : null;
  if (!gig) throw notFound("No such gig.");
  assertCanManageLab(user, gig.labId);
  return { user, gig };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { gig } = await guard(request, params.id);
  return {
    id: gig.id,
    status: gig.status,
    published: Boolean(gig.publishedAt),
    values: gigFormDefaults(gigToInput(gig), (codes) => codes.map(languageName).join(", ")),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, gig } = await guard(request, params.id);
  const submission = parseSubmission(await readForm(request, context), gigEditFormSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
  const result = await updateGig(gig.id, submission.value, { id: user.id, role: user.role, ip: context.ip });
  if (!result.ok) return data(submission.reply(replyOptions(result.errors)), { status: result.status === 422 ? 422 : 400 });
  const changed = result.changes?.length ?? 0;
  const broken = result.changes?.filter((c) => !c.withinPromise).length ?? 0;
  const message =
    changed === 0
      ? "Changes saved."
      : broken > 0
        ? `Changes saved. ${broken} change${broken === 1 ? "" : "s"} against the promised terms ${broken === 1 ? "was" : "were"} recorded and everyone on the gig has been told.`
        : "Changes saved. The change to the terms was made with enough notice; it was recorded and everyone on the gig has been told.";
  return redirectWithFlash(request, `/gigs/${gig.id}`, message);
}

export default function EditGig() {
  const { values, status, published } = useLoaderData<typeof loader>();
  const result = asSubmissionResult(useActionData<typeof action>());
  if (status === "CLOSED") return <p className="alert warn">This gig is closed and can no longer be edited.</p>;
  return (
    <section>
      <h1>Edit gig</h1>
      <GigForm mode="edit" published={published} lastResult={result} defaultValue={values} submitLabel="Save changes" />
    </section>
  );
}
