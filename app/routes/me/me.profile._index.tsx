/** The profile editor (/me/profile) with a short view of the transfer profile. */
import { getFormProps, getSelectProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  CheckboxField,
  FormErrors,
  InputField,
  RadioField,
  SelectInput,
  TextareaField,
  asSubmissionResult,
  firstErrorField,
  parseSubmission,
  replyOptions,
  useAppForm,
  useResetKey,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { Time } from "~/components/time";
import { LEGAL_TEXTS } from "~/domain/legal";
import {
  CURRENCIES,
  DEMOGRAPHICS_NOTICE,
  DEMOGRAPHIC_FIELDS,
  LANGUAGES,
  LANGUAGE_LEVELS,
  LANGUAGE_ROWS,
  MAX_LINKS,
  PROFILE_VISIBILITY,
  profileEditorSchema,
  timeZoneOptions,
} from "~/domain/profile";
import { taskTypeName } from "~/domain/taxonomy";
import { redirectWithFlash } from "~/flash.server";
import { notFound, readForm } from "~/http.server";
import { requireProfessional } from "~/permissions.server";
import { loadOwnProfile, profileFormValues, saveProfile } from "~/services/profiles.server";
import { getTransferProfile } from "~/services/transfer.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireProfessional(request);
  const profile = await loadOwnProfile(user.profileId);
  if (!profile) throw notFound("Your profile was not found.");
  const transfer = await getTransferProfile(profile.id);
  // The form reads strings (as the browser would send them).
  const values = Object.fromEntries(Object.entries(profileFormValues(profile)).map(([k, v]) => [k, v == null ? "" : String(v)]));
  return data({
    values,
    consent: {
      version: LEGAL_TEXTS.AI_USE_TERMS.version,
      acceptedAt: profile.aiUseConsentAt?.toISOString() ?? null,
      acceptedVersion: profile.aiUseConsentVersion,
    },
    timeZones: timeZoneOptions(),
    creditCount: profile.credits.length,
    topScores: (transfer?.result.scores ?? [])
      .slice(0, 5)
      .map((s) => ({ taskType: s.taskType, score: s.score, explanation: s.explanation })),
    guidance: transfer?.result.guidance ?? null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireProfessional(request);
  const form = await readForm(request, context);
  const submission = parseSubmission(form, profileEditorSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["_csrf"] }), { status: 400 });
  const result = await saveProfile(user.profileId, submission.value, { id: user.id, role: user.role, ip: context.ip });
  if (!result.ok) return data(submission.reply(replyOptions(result.errors)), { status: 400 });
  return redirectWithFlash(request, "/me/profile", "Profile saved.");
}

const LANGUAGE_FIELDS = Array.from({ length: LANGUAGE_ROWS }, (_, i) => [`langCode${i}`, `langLevel${i}`]).flat();
/** Form order: the first field with an error gets the focus. */
const FIELD_ORDER = [
  "headline",
  "bio",
  "location",
  "timezone",
  ...LANGUAGE_FIELDS,
  "hoursPerWeek",
  "minRate",
  "rateCurrency",
  "availableFrom",
  "links",
  "visibility",
  "aiUseConsent",
  "demographicsOptIn",
  ...DEMOGRAPHIC_FIELDS.map((f) => `demo_${f.key}`),
];
const LABELS: Record<string, string> = {
  headline: "Headline",
  bio: "Bio",
  location: "Location",
  timezone: "Time zone",
  ...Object.fromEntries(
    Array.from({ length: LANGUAGE_ROWS }, (_, i) => [
      [`langCode${i}`, `Language ${i + 1}`],
      [`langLevel${i}`, `Level for language ${i + 1}`],
    ]).flat(),
  ),
  hoursPerWeek: "Hours per week",
  minRate: "Minimum hourly rate",
  rateCurrency: "Currency",
  availableFrom: "Available from",
  links: "Portfolio links",
  visibility: "Who can see your profile",
  aiUseConsent: "AI-use terms",
  demographicsOptIn: "Fairness reports",
  ...Object.fromEntries(DEMOGRAPHIC_FIELDS.map((f) => [`demo_${f.key}`, f.label])),
};

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function ProfileForm({ data }: { data: LoaderData }) {
  const result = asSubmissionResult(useActionData<typeof action>());
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id: "profile", schema: profileEditorSchema, lastResult: result, defaultValue: data.values });
  const first = firstErrorField(result, FIELD_ORDER);
  const consentCurrent = data.consent.acceptedAt && data.consent.acceptedVersion === data.consent.version;
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors form={form} labels={LABELS} />
      <CsrfInput />
      <InputField
        field={fields.headline}
        label="Headline"
        maxLength={140}
        hint="One line, e.g. “Comedy writer, 12 years in multi-cam”."
        autoFocus={first === "headline"}
      />
      <TextareaField field={fields.bio} label="Bio" rows={5} maxLength={4000} autoFocus={first === "bio"} />
      <InputField
        field={fields.location}
        label="Location"
        maxLength={120}
        hint="City and country is enough."
        autoFocus={first === "location"}
      />
      <SelectInput
        field={fields.timezone}
        label="Time zone"
        required
        options={data.timeZones.map((z) => ({ value: z, label: z.replace(/_/g, " ") }))}
        autoFocus={first === "timezone"}
      />

      <fieldset className="field" id="languages">
        <legend>Languages you work in</legend>
        <span className="hint">Gigs that need a language match people who are fluent or native in it.</span>
        {Array.from({ length: LANGUAGE_ROWS }, (_, i) => {
          const code = fields[`langCode${i}`];
          const level = fields[`langLevel${i}`];
          const { key: codeKey, ...codeProps } = getSelectProps(code, { ariaAttributes: false });
          const { key: levelKey, ...levelProps } = getSelectProps(level, { ariaAttributes: false });
          const error = code.errors?.[0] ?? level.errors?.[0];
          const errorId = code.errors?.length ? code.errorId : level.errorId;
          return (
            <div key={i}>
              <div className="row">
                <label htmlFor={code.id} className="visually-hidden">
                  Language {i + 1}
                </label>
                <select
                  key={codeKey}
                  {...codeProps}
                  defaultValue={typeof codeProps.defaultValue === "string" ? codeProps.defaultValue : ""}
                  autoFocus={first === code.name}
                  aria-invalid={code.errors?.length ? true : undefined}
                  aria-describedby={code.errors?.length ? errorId : undefined}
                >
                  <option value="">{i === 0 ? "Choose a language" : "(none)"}</option>
                  {LANGUAGES.map((l) => (
                    <option key={l.code} value={l.code}>
                      {l.name}
                    </option>
                  ))}
                </select>
                <label htmlFor={level.id} className="visually-hidden">
                  Level for language {i + 1}
                </label>
                <select
                  key={levelKey}
                  {...levelProps}
                  defaultValue={typeof levelProps.defaultValue === "string" && levelProps.defaultValue ? levelProps.defaultValue : "fluent"}
                  autoFocus={first === level.name}
                  aria-invalid={level.errors?.length ? true : undefined}
                  aria-describedby={level.errors?.length ? errorId : undefined}
                >
                  {LANGUAGE_LEVELS.map((l) => (
                    <option key={l.value} value={l.value}>
                      {l.label}
                    </option>
                  ))}
                </select>
              </div>
              {error && (
                <p className="field-error" id={errorId}>
                  {error}
                </p>
              )}
            </div>
          );
        })}
      </fieldset>

      <InputField
        field={fields.hoursPerWeek}
        label="Hours per week you can work"
        type="number"
        min={1}
        max={80}
        autoFocus={first === "hoursPerWeek"}
      />
      <div className="row">
        <InputField
          field={fields.minRate}
          label="Minimum hourly rate"
          inputMode="decimal"
          hint="Private: labs never see it; it keeps you out of gigs that pay less."
          autoFocus={first === "minRate"}
        />
        <SelectInput
          field={fields.rateCurrency}
          label="Currency"
          required
          options={CURRENCIES.map((c) => ({ value: c, label: c }))}
          autoFocus={first === "rateCurrency"}
        />
      </div>
      <InputField field={fields.availableFrom} label="Available from" type="date" autoFocus={first === "availableFrom"} />
      <TextareaField
        field={fields.links}
        label="Portfolio links"
        rows={3}
        hint={`One per line, starting with https:// or http://, at most ${MAX_LINKS}.`}
        autoFocus={first === "links"}
      />

      <RadioField
        field={fields.visibility}
        label="Who can see your profile"
        options={PROFILE_VISIBILITY.map((v) => ({ value: v.value, label: v.label, hint: v.hint }))}
        autoFocus={first === "visibility"}
      />

      <fieldset className="field card" id="consent">
        <legend>{LEGAL_TEXTS.AI_USE_TERMS.title}</legend>
        <p className="small">{LEGAL_TEXTS.AI_USE_TERMS.text}</p>
        <CheckboxField
          field={fields.aiUseConsent}
          label={`I have read and accept the AI-use terms (version ${data.consent.version})`}
          autoFocus={first === "aiUseConsent"}
        >
          {consentCurrent ? (
            <p className="muted small">
              You accepted these terms {data.consent.acceptedAt ? <Time iso={data.consent.acceptedAt} /> : null}. Untick to withdraw.
            </p>
          ) : data.consent.acceptedAt ? (
            <p className="alert warn small">
              The terms changed since you accepted version {data.consent.acceptedVersion}. Please read and accept them again.
            </p>
          ) : null}
        </CheckboxField>
      </fieldset>

      <fieldset className="field card" id="demographics">
        <legend>Optional: self-identification for fairness reports</legend>
        <p className="small">{DEMOGRAPHICS_NOTICE.text}</p>
        <CheckboxField
          field={fields.demographicsOptIn}
          label="Include my answers in aggregate fairness reports"
          hint="Your answers below are saved only while this box is ticked; unticking deletes them."
          autoFocus={first === "demographicsOptIn"}
        />
        {DEMOGRAPHIC_FIELDS.map((f) => (
          <SelectInput
            key={f.key}
            field={fields[`demo_${f.key}`]}
            label={f.label}
            empty="(no answer)"
            options={f.options.map((o) => ({ value: o, label: o }))}
            autoFocus={first === `demo_${f.key}`}
          />
        ))}
      </fieldset>

      <p>
        <button type="submit" disabled={busy}>
          {busy ? "Saving…" : "Save profile"}
        </button>
      </p>
    </Form>
  );
}

export default function ProfileEditor() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  // After a save the form is mounted again from the saved values (what the server stored).
  const resetKey = useResetKey();
  return (
    <div className="split">
      <section className="stack" aria-labelledby="edit-h">
        <h2 id="edit-h">Your details</h2>
        {params.get("welcome") && (
          <p className="alert ok" role="status">
            Welcome! Add your TV credits first: they drive which AI-training work you are matched with.{" "}
            <Link to="/me/profile/credits">Add credits</Link>
          </p>
        )}
        <ProfileForm key={resetKey} data={data} />
      </section>

      <aside className="stack" aria-labelledby="transfer-h">
        <h2 id="transfer-h">Your transfer profile</h2>
        {data.topScores.length === 0 ? (
          <div className="empty">
            <p>{data.guidance}</p>
            <p>
              <Link className="button" to="/me/profile/credits">
                Add a credit
              </Link>{" "}
              or <Link to="/me/profile/import">import a CSV</Link>
            </p>
          </div>
        ) : (
          <>
            <ol className="stack">
              {data.topScores.map((s) => (
                <li key={s.taskType}>
                  <strong>{taskTypeName(s.taskType)}</strong> <span className="score">{s.score}</span>
                  <div className="meter" aria-hidden="true">
                    <span style={{ width: `${s.score}%` }} />
                  </div>
                  <p className="small muted">{s.explanation}</p>
                </li>
              ))}
            </ol>
            <p>
              <Link to="/me/profile/transfer">See every task type and the evidence behind it</Link>
            </p>
          </>
        )}
        <p className="muted small">
          {data.creditCount} credit{data.creditCount === 1 ? "" : "s"} · <Link to="/me/profile/credits">Manage credits</Link>
        </p>
      </aside>
    </div>
  );
}

/** A failure here shows inside the profile frame, keeping its section links (app/routes/_section.tsx explains). */
export { RouteErrorPanel as ErrorBoundary } from "~/components/route-error";
