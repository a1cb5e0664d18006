/**
 * Your account: details, email confirmation, email notifications, the time zone times are shown
 * in, password, sessions. Every form is on the Conform + zod pipeline (app/components/conform.tsx)
 * and works without JavaScript; success redirects back here with a flash message.
 */
import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import {
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
import { Time } from "~/components/time";
import { emailPreferencesSchema, timeZoneChoiceSchema } from "~/domain/preferences";
import { changePasswordSchema } from "~/domain/schemas";
import { isValidTimeZone, timeZoneNames } from "~/domain/time";
import { redirectWithFlash, samePage } from "~/flash.server";
import { readForm } from "~/http.server";
import { accountDetails, activeSessionCount, setEmailNotifications, setTimeZone } from "~/services/account.server";
import { changePassword, resendConfirmation } from "~/services/auth.server";
import { readCookie } from "~/cookies.server";
import { requireUser } from "~/session.server";
import { TIME_ZONE_COOKIE } from "~/viewer-time.server";

export const meta: MetaFunction = () => [{ title: "Account · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [record, sessions] = await Promise.all([accountDetails(user.id), activeSessionCount(user.id)]);
  const detected = readCookie(request, TIME_ZONE_COOKIE);
  return { user: record, sessions, detectedZone: isValidTimeZone(detected) ? detected : null, now: new Date().toISOString() };
}

/** The intent names each form on this page; a failed submission is shown on the form it came from. */
type Intent = "password" | "preferences" | "time-zone" | "resend-confirmation";

function failed(intent: Intent, result: SubmissionResult<string[]>, status = 400) {
  // Not `intent`: that name is Conform's own (a form control intent) inside a SubmissionResult.
  return data({ ...result, form: intent }, { status });
}

/**
 * Passwords are never sent back into the page. (Conform's `hideFields` would also drop the fields
 * from the "validated" state, and their errors would not show: so only the values are removed.)
 */
function withoutPasswords(result: SubmissionResult<string[]>): SubmissionResult<string[]> {
  if (!result.initialValue) return result;
  const { current: _c, password: _p, confirm: _f, ...rest } = result.initialValue as Record<string, unknown>;
  return { ...result, initialValue: rest as SubmissionResult<string[]>["initialValue"] };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request, context);
  const intent = form.get("intent");
  switch (intent) {
    case "password": {
      const submission = parseSubmission(form, changePasswordSchema);
      if (submission.status !== "success") return failed(intent, withoutPasswords(submission.reply({ hideFields: ["_csrf"] })));
      const result = await changePassword(user.id, submission.value.current, submission.value.password, {
        ip: context.ip,
        sessionId: user.sessionId,
      });
      if (!result.ok) return failed(intent, withoutPasswords(submission.reply(replyOptions(result.errors))));
      const others = result.otherSessionsEnded;
      return redirectWithFlash(
        request,
        samePage(request),
        `Password changed.${others > 0 ? ` Signed out ${others} other session${others === 1 ? "" : "s"}.` : ""}`,
      );
    }
    case "preferences": {
      const submission = parseSubmission(form, emailPreferencesSchema);
      if (submission.status !== "success") return failed(intent, submission.reply({ hideFields: ["_csrf"] }));
      const on = submission.value.emailNotifications === "on";
      await setEmailNotifications(user.id, on);
      return redirectWithFlash(
        request,
        samePage(request),
        on
          ? "Email preferences saved: we will email you when something needs your action."
          : "Email preferences saved: no more emails about things that need your action.",
      );
    }
    case "time-zone": {
      const submission = parseSubmission(form, timeZoneChoiceSchema);
      if (submission.status !== "success") return failed(intent, submission.reply({ hideFields: ["_csrf"] }));
      const zone = submission.value.timeZone;
      const result = await setTimeZone({ id: user.id, role: user.role, ip: context.ip }, zone);
      if (!result.ok) return failed(intent, submission.reply(replyOptions(result.errors)));
      return redirectWithFlash(
        request,
        `${samePage(request)}#time-zone`,
        zone
          ? `Time zone saved: times are now shown in ${zone.replace(/_/g, " ")}.`
          : "Time zone saved: times follow the zone your browser reports.",
      );
    }
    case "resend-confirmation": {
      const sent = await resendConfirmation(user.id, { ip: context.ip, request });
      if (!sent.ok)
        return failed(intent, refusalResult({ _form: [sent.message] }), sent.status >= 400 && sent.status < 500 ? sent.status : 400);
      return redirectWithFlash(request, samePage(request), sent.message);
    }
    default:
      return failed("preferences", refusalResult({ _form: ["Unknown action."] }));
  }
}

const PASSWORD_LABELS = { current: "Current password", password: "New password", confirm: "Repeat the new password" };

function PasswordForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id: "password", schema: changePasswordSchema, lastResult });
  const first = firstErrorField(lastResult, ["current", "password", "confirm"]);
  return (
    <Form method="post" className="stack" {...getFormProps(form)} aria-labelledby="password-h">
      <h2 id="password-h">Change password</h2>
      <CsrfInput />
      <input type="hidden" name="intent" value="password" />
      <FormErrors form={form} labels={PASSWORD_LABELS} />
      <InputField
        field={fields.current}
        label={PASSWORD_LABELS.current}
        type="password"
        required
        autoComplete="current-password"
        autoFocus={first === "current"}
      />
      <InputField
        field={fields.password}
        label={PASSWORD_LABELS.password}
        type="password"
        required
        autoComplete="new-password"
        autoFocus={first === "password"}
      />
      <InputField
        field={fields.confirm}
        label={PASSWORD_LABELS.confirm}
        type="password"
        required
        autoComplete="new-password"
        autoFocus={first === "confirm"}
      />
      <p>
        <button type="submit" disabled={busy}>
          Change password
        </button>
      </p>
    </Form>
  );
}

function EmailPreferencesForm({ on, lastResult }: { on: boolean; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useAppForm({
    id: "preferences",
    schema: emailPreferencesSchema,
    lastResult,
    defaultValue: { emailNotifications: on ? "on" : undefined },
  });
  const { key, ...box } = getInputProps(fields.emailNotifications, { type: "checkbox", value: "on" });
  return (
    <Form method="post" className="stack" {...getFormProps(form)} aria-labelledby="email-prefs-h">
      <h2 id="email-prefs-h">Email notifications</h2>
      <CsrfInput />
      <input type="hidden" name="intent" value="preferences" />
      <FormErrors form={form} labels={{ emailNotifications: "Email notifications" }} />
      <label>
        <input key={key} {...box} /> Email me when something needs my action
      </label>
      <p>
        <button type="submit" className="secondary">
          Save preferences
        </button>
      </p>
    </Form>
  );
}

/** Zones grouped by their region ("America", "Europe"...), labelled as people read them. */
function zoneGroups() {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const zone of timeZoneNames()) {
    const slash = zone.indexOf("/");
    const region = slash < 0 ? "Other" : zone.slice(0, slash);
    const label = (slash < 0 ? zone : zone.slice(slash + 1)).replace(/_/g, " ").replace(/\//g, " / ");
    groups.set(region, [...(groups.get(region) ?? []), { value: zone, label }]);
  }
  return [...groups.entries()].map(([label, options]) => ({ label, options }));
}

function TimeZoneForm({
  chosen,
  detected,
  now,
  lastResult,
}: {
  chosen: string | null;
  detected: string | null;
  now: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const groups = useMemo(zoneGroups, []);
  const [form, fields] = useAppForm({
    id: "time-zone-form",
    schema: timeZoneChoiceSchema,
    lastResult,
    defaultValue: { timeZone: chosen ?? "" },
  });
  const first = firstErrorField(lastResult, ["timeZone"]);
  const effective = chosen ?? detected ?? "UTC";
  return (
    <Form method="post" className="stack" {...getFormProps(form)} aria-labelledby="time-zone">
      <h2 id="time-zone">Time zone</h2>
      <CsrfInput />
      <input type="hidden" name="intent" value="time-zone" />
      <FormErrors form={form} labels={{ timeZone: "Time zone" }} />
      <SelectInput
        field={fields.timeZone}
        label="Show times in"
        empty={
          detected
            ? `Detect from my browser (now ${detected.replace(/_/g, " ")})`
            : "Detect from my browser (not reported yet: UTC until it is)"
        }
        groups={groups}
        hint={
          <>
            Times across the site are shown in {effective.replace(/_/g, " ")}: it is <Time iso={now} relative={false} /> there now.
          </>
        }
        autoFocus={first === "timeZone"}
      />
      <p>
        <button type="submit" className="secondary">
          Save time zone
        </button>
      </p>
    </Form>
  );
}

export default function Account() {
  const { user, sessions, detectedZone, now } = useLoaderData<typeof loader>();
  const raw = useActionData<typeof action>();
  const result = asSubmissionResult(raw);
  const failedIntent = raw && typeof raw === "object" && "form" in raw ? (raw.form as Intent) : undefined;
  const resetKey = useResetKey();
  const resultFor = (intent: Intent) => (failedIntent === intent ? result : undefined);
  const resend = resultFor("resend-confirmation");
  return (
    <div className="stack">
      <h1>Your account</h1>
      {result && !failedIntent && <RefusalMessage result={result} />}
      <section className="card">
        <h2>Details</h2>
        <p>
          {user.name} · {user.email} · {user.role.replace("_", " ").toLowerCase()} ·{" "}
          {user.emailVerifiedAt ? (
            <span className="pill ok">email confirmed</span>
          ) : (
            <span className="pill warn">email not confirmed yet</span>
          )}
        </p>
      </section>
      {!user.emailVerifiedAt && (
        <section className="card" id="confirm-email" aria-labelledby="confirm-email-title">
          <h2 id="confirm-email-title">Confirm your email address</h2>
          <p>
            Until you confirm {user.email}, you can build your profile but not apply to gigs, open a gig or create API tokens. Open the link
            we emailed you, or ask for a new one (the older links stop working).
          </p>
          {resend && <RefusalMessage result={resend} />}
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="resend-confirmation" />
            <button type="submit">Send a new confirmation link</button>
          </Form>
        </section>
      )}
      <section className="card">
        <EmailPreferencesForm key={`prefs:${resetKey}`} on={user.emailNotifications} lastResult={resultFor("preferences")} />
      </section>
      <section className="card">
        <TimeZoneForm
          key={`tz:${resetKey}:${user.timeZone ?? ""}`}
          chosen={user.timeZone}
          detected={detectedZone}
          now={now}
          lastResult={resultFor("time-zone")}
        />
      </section>
      <section className="card">
        <PasswordForm key={`password:${resetKey}`} lastResult={resultFor("password")} />
      </section>
      <section className="card">
        <h2>Sessions</h2>
        <p>
          You are logged in on {sessions} device{sessions === 1 ? "" : "s"}.
        </p>
        <Form method="post" action="/logout">
          <CsrfInput />
          <input type="hidden" name="everywhere" value="1" />
          <button type="submit" className="secondary">
            Log out everywhere
          </button>
        </Form>
      </section>
    </div>
  );
}
