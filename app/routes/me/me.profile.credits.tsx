/**
 * Credits: list, add, edit (?edit=<id>), remove and reorder. Works without JavaScript; with it,
 * the show title gets type-ahead suggestions from /api/titles.
 */
import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import {
  CheckboxesField,
  FormErrors,
  InputField,
  RefusalMessage,
  SelectInput,
  type SubmissionResult,
  asSubmissionResult,
  firstErrorField,
  parseSubmission,
  refusalResult,
  replyOptions,
  useAppForm,
  useResetKey,
} from "~/components/conform";
import { CsrfInput } from "~/components/csrf";
import { MAX_EPISODES, MIN_CREDIT_YEAR, creditInputSchema, currentUtcYear, roleOptionGroups } from "~/domain/profile";
import { FORMATS, GENRES, describeReading, formatLabel, genreLabel, readRole, roleLabel } from "~/domain/taxonomy";
import { setFlash } from "~/flash.server";
import { notFound, readForm } from "~/http.server";
import { requireProfessional } from "~/permissions.server";
import { addCredit, creditFormValues, deleteCredit, loadOwnProfile, moveCredit, updateCredit } from "~/services/profiles.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireProfessional(request);
  const profile = await loadOwnProfile(user.profileId);
  if (!profile) throw notFound("Your profile was not found.");
  const editId = new URL(request.url).searchParams.get("edit");
  const editing = editId ? profile.credits.find((c) => c.id === editId) : undefined;
  if (editId && !editing) throw notFound("This credit does not exist or is not yours.");
  return data({
    currentYear: currentUtcYear(),
    credits: profile.credits.map((c) => ({
      id: c.id,
      showTitle: c.showTitle,
      network: c.network,
      format: c.format,
      genres: c.genres,
      role: c.role,
      startYear: c.startYear,
      endYear: c.endYear,
      episodes: c.episodes,
      position: c.position,
      verified: Boolean(c.verifiedAt),
    })),
    editing: editing ? { id: editing.id, values: creditFormValues(editing), verified: Boolean(editing.verifiedAt) } : null,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireProfessional(request);
  const form = await readForm(request, context);
  const actor = { id: user.id, role: user.role, ip: context.ip };
  const creditId = typeof form.get("creditId") === "string" ? (form.get("creditId") as string) : "";
  const intent = form.get("intent");
  switch (intent) {
    case "save": {
      const submission = parseSubmission(form, creditInputSchema(currentUtcYear()));
      if (submission.status !== "success") {
        const reply = submission.reply({ hideFields: ["_csrf"] });
        // No role chosen, but the credit as written was understood: propose the reading and ask
        // the person to confirm it (never saved without them seeing it), also without JavaScript.
        const written = form.get("roleAsWritten");
        const reading = typeof written === "string" ? readRole(written) : null;
        if (reading?.key && !form.get("role") && reply.error && reply.initialValue) {
          reply.initialValue = { ...reply.initialValue, role: reading.key };
          reply.error = {
            ...reply.error,
            role: [`${describeReading("role", reading) ?? `We read it as ${reading.label}.`} Check the role and save again.`],
          };
        }
        return data(reply, { status: 400 });
      }
      if (creditId) {
        const result = await updateCredit(user.profileId, creditId, submission.value, actor);
        if (!result.ok) {
          if (result.status === 404) throw notFound(result.errors._form?.[0]);
          return data(submission.reply(replyOptions(result.errors)), { status: 400 });
        }
        const message = result.unverified ? MESSAGES.unverified : MESSAGES.saved;
        return redirect(`/me/profile/credits#credit-${creditId}`, { headers: { "Set-Cookie": await setFlash(request, message) } });
      }
      const result = await addCredit(user.profileId, submission.value, actor);
      if (!result.ok) return data(submission.reply(replyOptions(result.errors)), { status: 400 });
      return redirect(`/me/profile/credits#credit-${result.creditId}`, {
        headers: { "Set-Cookie": await setFlash(request, MESSAGES.added) },
      });
    }
    case "delete": {
      const result = await deleteCredit(user.profileId, creditId, actor);
      if (!result.ok) throw notFound(result.errors._form?.[0]);
      return redirect("/me/profile/credits", { headers: { "Set-Cookie": await setFlash(request, MESSAGES.removed) } });
    }
    case "up":
    case "down": {
      const result = await moveCredit(user.profileId, creditId, intent, actor);
      if (!result.ok) throw notFound(result.errors._form?.[0]);
      // Keep keyboard focus on the same button after the reload.
      return redirect(`/me/profile/credits#credit-${creditId}`);
    }
    default:
      return data(refusalResult({ _form: ["Unknown action."] }), { status: 400 });
  }
}

const CREDIT_FIELD_ORDER = [
  "showTitle",
  "network",
  "format",
  "roleAsWritten",
  "role",
  "genres",
  "startYear",
  "endYear",
  "episodes",
] as const;
const CREDIT_LABELS: Record<string, string> = {
  showTitle: "Show title",
  network: "Network or platform",
  format: "Format",
  roleAsWritten: "Your credit as written",
  role: "Your role",
  genres: "Genres",
  startYear: "Start year",
  endYear: "End year",
  episodes: "Episodes",
};

/** Type-ahead for the show title: a <datalist> filled from /api/titles as the person types. */
function useTitleSuggestions() {
  const [options, setOptions] = useState<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      controller.current?.abort();
    },
    [],
  );
  function onInput(value: string) {
    clearTimeout(timer.current);
    if (value.trim().length < 2) return;
    timer.current = setTimeout(async () => {
      controller.current?.abort();
      const ctrl = new AbortController();
      controller.current = ctrl;
      try {
        const res = await fetch(`/api/titles?q=${encodeURIComponent(value)}`, {
          signal: ctrl.signal,
          headers: { Accept: "application/json" },
        });
        if (res.ok) setOptions(((await res.json()) as { titles: string[] }).titles);
      } catch {
        // Suggestions are a convenience; typing still works.
      }
    }, 200);
  }
  return { options, onInput };
}

function CreditForm({
  defaultValue,
  lastResult,
  creditId,
  currentYear,
  verified,
}: {
  defaultValue?: Record<string, unknown>;
  lastResult?: SubmissionResult<string[]>;
  creditId?: string;
  currentYear: number;
  verified?: boolean;
}) {
  const busy = useNavigation().state === "submitting";
  const titles = useTitleSuggestions();
  const schema = useMemo(() => creditInputSchema(currentYear), [currentYear]);
  const [form, fields] = useAppForm({ id: creditId ? `credit-${creditId}` : "credit-new", schema, lastResult, defaultValue });
  const first = firstErrorField(lastResult, CREDIT_FIELD_ORDER);
  const initialWritten = typeof fields.roleAsWritten.initialValue === "string" ? fields.roleAsWritten.initialValue : "";
  const [written, setWritten] = useState(initialWritten);
  const [proposed, setProposed] = useState<string | null>(null);
  const writtenReading = written.trim() ? readRole(written) : null;
  return (
    <Form method="post" className="stack card" {...getFormProps(form)} aria-labelledby="credit-form-h">
      <CsrfInput />
      <input type="hidden" name="intent" value="save" />
      {creditId && <input type="hidden" name="creditId" value={creditId} />}
      <h2 id="credit-form-h">{creditId ? "Edit credit" : "Add a credit"}</h2>
      {verified && (
        <p className="alert warn small">
          This credit is verified. Changing the title, role, format, years or episodes removes the verification.
        </p>
      )}
      <FormErrors form={form} labels={CREDIT_LABELS} />
      <InputField
        field={fields.showTitle}
        label="Show title"
        required
        maxLength={200}
        list="show-titles"
        autoComplete="off"
        autoFocus={first === "showTitle"}
        onChange={titles.onInput}
        after={
          <datalist id="show-titles">
            {titles.options.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        }
      />
      <InputField field={fields.network} label="Network or platform" maxLength={120} autoFocus={first === "network"} />
      <SelectInput
        field={fields.format}
        label="Format"
        required
        empty="Choose a format"
        options={FORMATS.map((f) => ({ value: f.key, label: f.label }))}
        autoFocus={first === "format"}
      />
      <InputField
        field={fields.roleAsWritten}
        label="Your credit as written"
        maxLength={120}
        autoComplete="off"
        hint="As it appears on screen or on IMDb, e.g. “Story producer” or “Teleplay by”. We show how we read it; the role below is what counts."
        autoFocus={first === "roleAsWritten"}
        onChange={(value) => {
          const reading = readRole(value);
          setWritten(value);
          // Propose the reading in the role select while the person has not chosen a role themselves.
          const current = typeof fields.role.value === "string" ? fields.role.value : "";
          if (reading.key && (current === "" || current === proposed)) {
            form.update({ name: fields.role.name, value: reading.key });
            setProposed(reading.key);
          }
        }}
        after={
          writtenReading && (
            <p className={`small read-as${writtenReading.key ? "" : " unclear"}`} aria-live="polite" id="role-reading">
              {describeReading("role", writtenReading) ?? `We read it as ${writtenReading.label}.`}
              {writtenReading.key ? " You can choose another role below." : ""}
            </p>
          )
        }
      />
      <SelectInput
        field={fields.role}
        label="Your role"
        required
        hint="Grouped by department; the department is filled in from the role."
        empty="Choose a role"
        groups={roleOptionGroups()}
        autoFocus={first === "role"}
      />
      <CheckboxesField
        field={fields.genres}
        label="Genres (optional, up to 6)"
        options={GENRES.map((g) => ({ value: g.key, label: g.label }))}
        autoFocus={first === "genres"}
      />
      <div className="row">
        <InputField
          field={fields.startYear}
          label="Start year"
          type="number"
          required
          min={MIN_CREDIT_YEAR}
          max={currentYear}
          autoFocus={first === "startYear"}
        />
        <InputField
          field={fields.endYear}
          label="End year"
          type="number"
          min={MIN_CREDIT_YEAR}
          max={currentYear}
          hint="Leave empty if you are still on the show."
          autoFocus={first === "endYear"}
        />
        <InputField
          field={fields.episodes}
          label="Episodes"
          type="number"
          required
          min={1}
          max={MAX_EPISODES}
          hint="Episodes you worked on."
          autoFocus={first === "episodes"}
        />
      </div>
      <p className="row">
        <button type="submit" disabled={busy}>
          {creditId ? "Save changes" : "Add credit"}
        </button>
        {creditId && <Link to="/me/profile/credits">Cancel</Link>}
      </p>
    </Form>
  );
}

const MESSAGES = {
  added: "Credit added. Your transfer profile has been updated.",
  saved: "Credit saved. Your transfer profile has been updated.",
  unverified: "Credit saved. Its verification was removed because the facts changed.",
  removed: "Credit removed.",
};

export default function CreditsPage() {
  const data = useLoaderData<typeof loader>();
  const result = asSubmissionResult(useActionData<typeof action>());
  const resetKey = useResetKey();
  const editing = data.editing;
  // A failed save re-renders the form it came from (its values are in the result).
  const failedCreditId = typeof result?.initialValue?.creditId === "string" ? result.initialValue.creditId : undefined;
  const formCreditId = result?.initialValue ? failedCreditId : editing?.id;
  const count = data.credits.length;
  return (
    <div className="split">
      {result && !result.initialValue && <RefusalMessage result={result} />}
      <section aria-labelledby="credits-h" className="stack">
        <h2 id="credits-h">Your credits ({count})</h2>
        {count === 0 ? (
          <p className="empty">
            No credits yet. Add one below, or <Link to="/me/profile/import">import a CSV</Link> of your whole career.
          </p>
        ) : (
          <table className="records">
            <caption className="visually-hidden">Your credits, in the order shown on your profile</caption>
            <thead>
              <tr>
                <th scope="col" aria-label="Order">
                  #
                </th>
                <th scope="col">Show</th>
                <th scope="col">Role</th>
                <th scope="col">Years</th>
                <th scope="col">Episodes</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {data.credits.map((c, i) => (
                <tr key={c.id} id={`credit-${c.id}`}>
                  <td data-label="Order">{i + 1}</td>
                  <td data-label="Show">
                    <strong>{c.showTitle}</strong> {c.verified && <span className="pill">Verified</span>}
                    <br />
                    <span className="small muted">
                      {[c.network, formatLabel(c.format), ...c.genres.map(genreLabel)].filter(Boolean).join(" · ")}
                    </span>
                  </td>
                  <td data-label="Role">{roleLabel(c.role)}</td>
                  <td data-label="Years">
                    {c.startYear}–{c.endYear ?? "present"}
                  </td>
                  <td data-label="Episodes">{c.episodes}</td>
                  <td data-label="Actions">
                    <div className="actions row">
                      <Form method="post" className="inline">
                        <CsrfInput />
                        <input type="hidden" name="creditId" value={c.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="up"
                          className="secondary small"
                          disabled={i === 0}
                          aria-label={`Move ${c.showTitle} up`}
                        >
                          ↑
                        </button>
                        <button
                          type="submit"
                          name="intent"
                          value="down"
                          className="secondary small"
                          disabled={i === count - 1}
                          aria-label={`Move ${c.showTitle} down`}
                        >
                          ↓
                        </button>
                      </Form>
                      <Link to={`/me/profile/credits?edit=${c.id}#credit-form-h`} aria-label={`Edit ${c.showTitle}`}>
                        Edit
                      </Link>
                      <Form
                        method="post"
                        className="inline"
                        onSubmit={(e) => {
                          if (!window.confirm(`Remove ${c.showTitle} (${roleLabel(c.role)})?`)) e.preventDefault();
                        }}
                      >
                        <CsrfInput />
                        <input type="hidden" name="creditId" value={c.id} />
                        <button type="submit" name="intent" value="delete" className="danger small" aria-label={`Remove ${c.showTitle}`}>
                          Remove
                        </button>
                      </Form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <CreditForm
        key={`${formCreditId ?? "new"}:${resetKey}`}
        defaultValue={editing && editing.id === formCreditId ? editing.values : undefined}
        lastResult={result?.initialValue ? result : undefined}
        creditId={formCreditId}
        currentYear={data.currentYear}
        verified={!result && editing?.verified}
      />
    </div>
  );
}

/** A failure here shows inside the profile frame, keeping its section links (app/routes/_section.tsx explains). */
export { RouteErrorPanel as ErrorBoundary } from "~/components/route-error";
