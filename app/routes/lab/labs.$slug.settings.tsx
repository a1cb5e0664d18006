/**
 * Lab profile: how the lab describes itself to professionals (description, website, logo).
 * Owners of the lab and staff only, in the loader and the action. The form is multipart (the logo)
 * and works without JavaScript; the body is capped while it streams in (413 past the cap), the logo
 * is checked by its bytes (PNG, JPEG, WebP; never SVG) and stored in PostgreSQL.
 */
import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import {
  FormErrors,
  InputField,
  TextareaField,
  type SubmissionResult,
  asSubmissionResult,
  firstErrorField,
  parseSubmission,
  replyOptions,
  useAppForm,
  useResetKey,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { LabBrand } from "~/components/lab-brand";
import { describeLimit } from "~/body-limit.server";
import { LAB_DESCRIPTION_MAX, LAB_SETTINGS_BODY_MAX, LOGO_MAX_BYTES, labLogoUrl, labProfileSchema } from "~/domain/lab-profile";
import { env } from "~/env.server";
import { redirectWithFlash } from "~/flash.server";
import { notFound, readForm } from "~/http.server";
import { canOwnLab, deny } from "~/permissions.server";
import { labLogoHash, updateLabProfile } from "~/services/lab-profile.server";
import { getLabBySlug } from "~/services/labs.server";
import { requireUser } from "~/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Lab profile${data ? ` · ${data.lab.name}` : ""} · Second Act` }];

async function guard(request: Request, slug?: string) {
  const user = await requireUser(request);
  const lab = slug ? await getLabBySlug(slug) : null;
  if (!lab) throw notFound("No such lab.");
  if (!canOwnLab(user, lab.id)) deny("Only the lab's owners can edit its profile.");
  return { user, lab };
}

const allowLocalHttp = () => !env().production;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lab } = await guard(request, params.slug);
  const logoHash = await labLogoHash(lab.id);
  return {
    lab: { name: lab.name, slug: lab.slug, description: lab.description, website: lab.website, logoUrl: labLogoUrl(lab.slug, logoHash) },
    allowLocalHttp: allowLocalHttp(),
    logoLimit: describeLimit(LOGO_MAX_BYTES),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, lab } = await guard(request, params.slug);
  const form = await readForm(request, context, {
    maxBytes: LAB_SETTINGS_BODY_MAX,
    tooLarge: `The logo is too large: at most ${describeLimit(LOGO_MAX_BYTES)}. Nothing was saved; go back and choose a smaller image.`,
  });
  const submission = parseSubmission(form, labProfileSchema({ allowLocalHttp: allowLocalHttp() }));
  const hideFields = ["_csrf", "logo"];
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  const file = form.get("logo");
  const upload = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined;
  const result = await updateLabProfile(
    lab.id,
    {
      description: submission.value.description,
      website: submission.value.website,
      logo: upload ?? (submission.value.removeLogo === "on" ? "remove" : undefined),
    },
    { id: user.id, role: user.role, ip: context.ip },
  );
  if (!result.ok) return data(submission.reply({ ...replyOptions(result.errors), hideFields }), { status: 400 });
  const logo = result.logo === "replaced" ? " New logo saved." : result.logo === "removed" ? " Logo removed." : "";
  const site = submission.value.website ? ` Website: ${submission.value.website}.` : "";
  return redirectWithFlash(request, `/labs/${lab.slug}/settings`, `Lab profile saved.${site}${logo}`);
}

const LABELS = { description: "About the lab", website: "Website", logo: "Logo" };

function LogoInput({ field, hint, autoFocus }: { field: ReturnType<typeof useAppForm>[1][string]; hint: string; autoFocus?: boolean }) {
  const { key, ...input } = getInputProps(field, { type: "file", ariaAttributes: false });
  const invalid = Boolean(field.errors?.length);
  return (
    <div className="field">
      <label htmlFor={field.id}>
        Logo <span className="muted small">(optional)</span>
      </label>
      <span className="hint" id={field.descriptionId}>
        {hint}
      </span>
      <input
        key={key}
        {...input}
        accept="image/png,image/jpeg,image/webp"
        autoFocus={autoFocus}
        aria-invalid={invalid || undefined}
        aria-describedby={[field.descriptionId, invalid ? field.errorId : undefined].filter(Boolean).join(" ")}
      />
      {invalid && (
        <p className="field-error" id={field.errorId}>
          {field.errors?.[0]}
        </p>
      )}
    </div>
  );
}

function LabProfileForm({
  lab,
  allowLocal,
  logoLimit,
  lastResult,
}: {
  lab: { description: string; website: string; logoUrl: string | null };
  allowLocal: boolean;
  logoLimit: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const busy = useNavigation().state === "submitting";
  const schema = useMemo(() => labProfileSchema({ allowLocalHttp: allowLocal }), [allowLocal]);
  const [form, fields] = useAppForm({
    id: "lab-profile",
    schema,
    lastResult,
    defaultValue: { description: lab.description, website: lab.website },
  });
  const first = firstErrorField(lastResult, ["description", "website", "logo"]);
  const { key: removeKey, ...remove } = getInputProps(fields.removeLogo, { type: "checkbox", value: "on" });
  return (
    <Form method="post" encType="multipart/form-data" className="stack card" {...getFormProps(form)} aria-labelledby="lab-profile-h">
      <h2 id="lab-profile-h">Edit your lab's profile</h2>
      <CsrfInput />
      <FormErrors form={form} labels={LABELS} />
      <TextareaField
        field={fields.description}
        label={LABELS.description}
        rows={6}
        maxLength={LAB_DESCRIPTION_MAX}
        hint={`Plain text, up to ${LAB_DESCRIPTION_MAX} characters: who you are, what your models are for, how you treat contributors.`}
        autoFocus={first === "description"}
      />
      <InputField
        field={fields.website}
        label={LABELS.website}
        maxLength={300}
        placeholder="https://example.org"
        autoComplete="url"
        hint={
          allowLocal
            ? "An https:// address (http:// only for localhost while developing). example.org is read as https://example.org."
            : "An https:// address. example.org is read as https://example.org."
        }
        autoFocus={first === "website"}
      />
      <LogoInput
        field={fields.logo}
        hint={`PNG, JPEG or WebP, at most ${logoLimit}. A square image works best.`}
        autoFocus={first === "logo"}
      />
      {lab.logoUrl && (
        <label>
          <input key={removeKey} {...remove} /> Remove the current logo
        </label>
      )}
      <p>
        <button type="submit" disabled={busy}>
          Save lab profile
        </button>
      </p>
    </Form>
  );
}

export default function LabSettings() {
  const { lab, allowLocalHttp: allowLocal, logoLimit } = useLoaderData<typeof loader>();
  const result = asSubmissionResult(useActionData<typeof action>());
  const resetKey = useResetKey();
  return (
    <div className="stack" style={{ maxWidth: "none" }}>
      <p className="small">
        <Link to={`/labs/${lab.slug}`}>← {lab.name}</Link>
      </p>
      <h1>Lab profile</h1>
      <div className="split">
        <LabProfileForm key={resetKey} lab={lab} allowLocal={allowLocal} logoLimit={logoLimit} lastResult={result} />
        <section className="card stack" aria-labelledby="preview-h">
          <h2 id="preview-h">What professionals see</h2>
          <p className="muted small">On your lab's page and on every gig you post.</p>
          <LabBrand lab={{ name: lab.name, slug: lab.slug, description: lab.description, website: lab.website, logoUrl: lab.logoUrl }} />
        </section>
      </div>
    </div>
  );
}
