/** The profile editor (/me/profile) with a short view of the transfer profile. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { CsrfInput } from "../components/csrf";
import { type Errors, ErrorSummary, SelectField, TextArea, TextField } from "../components/form";
import { LEGAL_TEXTS } from "../domain/legal";
import {
  CURRENCIES,
  DEMOGRAPHICS_NOTICE,
  DEMOGRAPHIC_FIELDS,
  LANGUAGES,
  LANGUAGE_LEVELS,
  LANGUAGE_ROWS,
  MAX_LINKS,
  PROFILE_VISIBILITY,
  timeZoneOptions,
} from "../domain/profile";
import { taskTypeName } from "../domain/taxonomy";
import { setFlash } from "../flash.server";
import { formToObject, invalid, notFound, readForm } from "../http.server";
import { requireProfessional } from "../permissions.server";
import { loadOwnProfile, profileFormValues, updateProfile } from "../services/profiles.server";
import { getTransferProfile } from "../services/transfer.server";
import { Time } from "../components/time";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireProfessional(request);
  const profile = await loadOwnProfile(user.profileId);
  if (!profile) throw notFound("Your profile was not found.");
  const transfer = await getTransferProfile(profile.id);
  return data({
    values: profileFormValues(profile),
    consent: {
      version: LEGAL_TEXTS.AI_USE_TERMS.version,
      acceptedAt: profile.aiUseConsentAt?.toISOString() ?? null,
      acceptedVersion: profile.aiUseConsentVersion,
    },
    timeZones: timeZoneOptions(),
    creditCount: profile.credits.length,
    topScores: (transfer?.result.scores ?? []).slice(0, 5).map((s) => ({ taskType: s.taskType, score: s.score, explanation: s.explanation })),
    guidance: transfer?.result.guidance ?? null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireProfessional(request);
  const form = await readForm(request, context);
  const values = formToObject(form);
  const result = await updateProfile(user.profileId, values, { id: user.id, role: user.role, ip: context.ip });
  if (!result.ok) return invalid(result.errors, values);
  return redirect("/me/profile", { headers: { "Set-Cookie": await setFlash(request, "Profile saved.") } });
}

function str(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : "";
}

export default function ProfileEditor() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: Errors = result && !result.ok ? result.errors : undefined;
  const values: Record<string, unknown> = result && !result.ok ? result.values : data.values;
  const consentCurrent = data.consent.acceptedAt && data.consent.acceptedVersion === data.consent.version;
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
        <ErrorSummary errors={errors} />
        <Form method="post" className="stack" noValidate>
          <CsrfInput />
          <TextField name="headline" label="Headline" maxLength={140} defaultValue={str(values.headline)} errors={errors} hint="One line, e.g. “Comedy writer, 12 years in multi-cam”." />
          <TextArea name="bio" label="Bio" rows={5} maxLength={4000} defaultValue={str(values.bio)} errors={errors} />
          <TextField name="location" label="Location" maxLength={120} defaultValue={str(values.location)} errors={errors} hint="City and country is enough." />
          <SelectField
            name="timezone"
            label="Time zone"
            required
            defaultValue={str(values.timezone) || "UTC"}
            options={data.timeZones.map((z) => ({ value: z, label: z.replace(/_/g, " ") }))}
            errors={errors}
          />

          <fieldset className="field" id="languages">
            <legend>Languages you work in</legend>
            <span className="hint">Gigs that need a language match people who are fluent or native in it.</span>
            {Array.from({ length: LANGUAGE_ROWS }, (_, i) => {
              const codeErr = errors?.[`langCode${i}`]?.[0];
              const levelErr = errors?.[`langLevel${i}`]?.[0];
              return (
                <div className="row" key={i}>
                  <label htmlFor={`f-langCode${i}`} className="visually-hidden">
                    Language {i + 1}
                  </label>
                  <select id={`f-langCode${i}`} name={`langCode${i}`} defaultValue={str(values[`langCode${i}`])} aria-invalid={codeErr ? true : undefined}>
                    <option value="">{i === 0 ? "Choose a language" : "(none)"}</option>
                    {LANGUAGES.map((l) => (
                      <option key={l.code} value={l.code}>
                        {l.name}
                      </option>
                    ))}
                  </select>
                  <label htmlFor={`f-langLevel${i}`} className="visually-hidden">
                    Level for language {i + 1}
                  </label>
                  <select id={`f-langLevel${i}`} name={`langLevel${i}`} defaultValue={str(values[`langLevel${i}`]) || "fluent"} aria-invalid={levelErr ? true : undefined}>
                    {LANGUAGE_LEVELS.map((l) => (
                      <option key={l.value} value={l.value}>
                        {l.label}
                      </option>
                    ))}
                  </select>
                  {(codeErr || levelErr) && <p className="field-error">{codeErr ?? levelErr}</p>}
                </div>
              );
            })}
          </fieldset>

          <TextField name="hoursPerWeek" label="Hours per week you can work" type="number" min={1} max={80} defaultValue={str(values.hoursPerWeek)} errors={errors} />
          <div className="row">
            <TextField
              name="minRate"
              label="Minimum hourly rate"
              type="text"
              defaultValue={str(values.minRate)}
              errors={errors}
              hint="Private: labs never see it; it keeps you out of gigs that pay less."
            />
            <SelectField
              name="rateCurrency"
              label="Currency"
              required
              defaultValue={str(values.rateCurrency) || "USD"}
              options={CURRENCIES.map((c) => ({ value: c, label: c }))}
              errors={errors}
            />
          </div>
          <TextField name="availableFrom" label="Available from" type="date" defaultValue={str(values.availableFrom)} errors={errors} />
          <TextArea
            name="links"
            label="Portfolio links"
            rows={3}
            defaultValue={str(values.links)}
            errors={errors}
            hint={`One per line, starting with https:// or http://, at most ${MAX_LINKS}.`}
          />

          <fieldset className="field">
            <legend>Who can see your profile</legend>
            {PROFILE_VISIBILITY.map((v) => (
              <label key={v.value}>
                <input type="radio" name="visibility" value={v.value} defaultChecked={(str(values.visibility) || "LABS") === v.value} /> {v.label}
                <span className="hint"> {v.hint}</span>
              </label>
            ))}
            {errors?.visibility && <p className="field-error">{errors.visibility[0]}</p>}
          </fieldset>

          <fieldset className="field card" id="consent">
            <legend>{LEGAL_TEXTS.AI_USE_TERMS.title}</legend>
            <p className="small">{LEGAL_TEXTS.AI_USE_TERMS.text}</p>
            <label>
              <input type="checkbox" name="aiUseConsent" defaultChecked={str(values.aiUseConsent) === "on"} /> I have read and accept the AI-use
              terms (version {data.consent.version})
            </label>
            {consentCurrent ? (
              <p className="muted small">You accepted these terms {data.consent.acceptedAt ? <Time iso={data.consent.acceptedAt} /> : null}. Untick to withdraw.</p>
            ) : data.consent.acceptedAt ? (
              <p className="alert warn small">The terms changed since you accepted version {data.consent.acceptedVersion}. Please read and accept them again.</p>
            ) : null}
          </fieldset>

          <fieldset className="field card" id="demographics">
            <legend>Optional: self-identification for fairness reports</legend>
            <p className="small">{DEMOGRAPHICS_NOTICE.text}</p>
            <label>
              <input type="checkbox" name="demographicsOptIn" defaultChecked={str(values.demographicsOptIn) === "on"} /> Include my answers in
              aggregate fairness reports
            </label>
            <p className="muted small">Your answers below are saved only while this box is ticked; unticking deletes them.</p>
            {DEMOGRAPHIC_FIELDS.map((f) => (
              <SelectField
                key={f.key}
                name={`demo_${f.key}`}
                label={f.label}
                includeEmpty="(no answer)"
                defaultValue={str(values[`demo_${f.key}`])}
                options={f.options.map((o) => ({ value: o, label: o }))}
                errors={errors}
              />
            ))}
          </fieldset>

          <p>
            <button type="submit" disabled={busy}>
              {busy ? "Saving…" : "Save profile"}
            </button>
          </p>
        </Form>
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
