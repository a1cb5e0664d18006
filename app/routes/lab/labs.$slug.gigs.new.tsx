import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { asSubmissionResult, parseSubmission, replyOptions } from "~/components/conform";
import { GigForm } from "~/components/gig-form";
import { gigCreateFormSchema } from "~/domain/gigs";
import { redirectWithFlash } from "~/flash.server";
import { notFound, readForm } from "~/http.server";
import { assertCanManageLab } from "~/permissions.server";
import { createGig } from "~/services/gigs.server";
import { getLabBySlug } from "~/services/labs.server";
import { requireUser } from "~/session.server";

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
  const submission = parseSubmission(await readForm(request, context), gigCreateFormSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
  const result = await createGig(lab.id, submission.value, { id: user.id, role: user.role, ip: context.ip });
  if (!result.ok) return data(submission.reply(replyOptions(result.errors)), { status: 400 });
  return redirectWithFlash(request, `/gigs/${result.gig.id}`, "Draft saved. Fill in anything missing below, then open it.");
}

export default function NewGig() {
  const { lab } = useLoaderData<typeof loader>();
  const result = asSubmissionResult(useActionData<typeof action>());
  return (
    <section>
      <h1>Post a gig for {lab.name}</h1>
      <p className="muted">
        Gigs start as drafts. You can open them once pay, a task type, the AI-use disclosure and the engagement terms (hours, dates, notice,
        rate lock, unpaid time) are filled in.
      </p>
      <GigForm
        mode="new"
        lastResult={result}
        defaultValue={{ modality: "TEXT", payUnit: "HOUR", payCurrency: "USD", slots: "1" }}
        submitLabel="Save draft"
      />
    </section>
  );
}
