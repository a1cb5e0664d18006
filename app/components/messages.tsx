/**
 * The conversation of an application (issue 24), shown in the professional's tracker and in the
 * candidate view. Message text is rendered as React text and <a> elements from `segmentsOf`
 * (app/domain/messages.ts): never as HTML, so nothing a person types can become markup.
 * The forms are Conform + zod and work without JavaScript (post/redirect/get to #messages).
 */
import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import {
  FormLevelErrors,
  InputField,
  type SubmissionResult,
  TextareaField,
  firstErrorField,
  formPropsFocusing,
  useAppForm,
} from "./conform";
import { CsrfInput } from "./csrf";
import { Time } from "./time";
import { LINK_REL, MESSAGE_MAX, hideFormSchema, messageFormSchema, segmentsOf } from "~/domain/messages";

export interface MessageItem {
  id: string;
  author: string;
  side: "professional" | "lab" | "staff";
  mine: boolean;
  at: string;
  body: string | null;
  hidden: { reason: string; at: string } | null;
  isNew: boolean;
}

export interface ConversationData {
  access: { read: boolean; write: boolean; moderate: boolean };
  messages: MessageItem[];
  earlier: string | null;
  paged: boolean;
  total: number;
}

/** Plain text with http(s) links made clickable; everything else is text (React escapes it). */
export function MessageText({ body }: { body: string }) {
  return (
    <p className="message-body">
      {segmentsOf(body).map((s, i) =>
        s.kind === "link" ? (
          <a key={i} href={s.href} rel={LINK_REL} target="_blank">
            {s.text}
          </a>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </p>
  );
}

export function Conversation({
  data,
  with: withWhom,
  pageHref,
  messageResult,
  hideResult,
  resetKey,
  flash,
}: {
  data: ConversationData;
  /** Who the viewer is talking to, for the heading's hint. */
  with: string;
  /** The address of a page of the conversation (null = the newest). */
  pageHref: (earlier: string | null) => string;
  messageResult?: SubmissionResult<string[]>;
  hideResult?: SubmissionResult<string[]>;
  resetKey: number;
  flash?: string | null;
}) {
  const hideFailedFor = typeof hideResult?.initialValue?.messageId === "string" ? hideResult.initialValue.messageId : undefined;
  return (
    <section className="card conversation" id="messages" aria-labelledby="messages-h">
      <h2 id="messages-h">Messages</h2>
      <p className="small muted">{withWhom}</p>
      {flash && (
        <p className="alert ok" role="status">
          {flash}
        </p>
      )}
      {data.earlier && (
        <p className="small">
          <a href={`${pageHref(data.earlier)}#messages`}>Earlier messages</a>
        </p>
      )}
      {data.messages.length === 0 ? (
        <p className="muted">No messages yet.</p>
      ) : (
        <ol className="messages" aria-label="Conversation">
          {data.messages.map((m) => (
            <li key={m.id} id={`message-${m.id}`} className={`message ${m.side}${m.mine ? " mine" : ""}`} data-testid="message">
              <p className="message-meta small">
                <strong>{m.mine ? `You (${m.author})` : m.author}</strong> · <Time iso={m.at} />
                {m.isNew && <span className="pill">New</span>}
              </p>
              {m.hidden ? (
                <>
                  <p className="muted small message-hidden">
                    Hidden by a coordinator <Time iso={m.hidden.at} />
                    {data.access.moderate && m.hidden.reason ? `: ${m.hidden.reason}` : "."}
                  </p>
                  {m.body !== null && data.access.moderate && (
                    <details className="small">
                      <summary>Show the hidden text (moderators only)</summary>
                      <MessageText body={m.body} />
                    </details>
                  )}
                </>
              ) : (
                m.body !== null && <MessageText body={m.body} />
              )}
              {data.access.moderate && !m.hidden && (
                <HideForm key={`${m.id}:${resetKey}`} messageId={m.id} lastResult={hideFailedFor === m.id ? hideResult : undefined} />
              )}
            </li>
          ))}
        </ol>
      )}
      {data.paged && (
        <p className="small">
          <a href={`${pageHref(null)}#messages`}>Newest messages</a>
        </p>
      )}
      {data.access.write ? (
        <MessageForm key={resetKey} lastResult={messageResult} />
      ) : (
        <p className="small muted">
          Admins can read and moderate this conversation; the professional, the lab and coordinators write in it.
        </p>
      )}
    </section>
  );
}

function MessageForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useAppForm({ id: "message", schema: messageFormSchema, lastResult, shouldValidate: "onSubmit" });
  return (
    <Form method="post" className="stack message-form" preventScrollReset {...formPropsFocusing(getFormProps(form))}>
      <CsrfInput />
      <FormLevelErrors form={form} />
      <input type="hidden" name="intent" value="message" />
      <TextareaField
        field={fields.body}
        label="Your message"
        hint="Plain text. Links that start with http:// or https:// can be clicked."
        rows={4}
        maxLength={MESSAGE_MAX}
        required
        autoFocus={firstErrorField(lastResult, ["body"]) === "body"}
      />
      <p>
        <button type="submit" disabled={busy}>
          Send message
        </button>
      </p>
    </Form>
  );
}

function HideForm({ messageId, lastResult }: { messageId: string; lastResult?: SubmissionResult<string[]> }) {
  const [form, fields] = useAppForm({ id: `hide-${messageId}`, schema: hideFormSchema, lastResult, shouldValidate: "onSubmit" });
  return (
    <details className="small hide-message" open={lastResult ? true : undefined}>
      <summary>Hide this message…</summary>
      <Form method="post" className="stack" preventScrollReset {...formPropsFocusing(getFormProps(form))}>
        <CsrfInput />
        <FormLevelErrors form={form} />
        <input type="hidden" name="intent" value="hide" />
        <input type="hidden" name="messageId" value={messageId} />
        <InputField
          field={fields.reason}
          label="Why hide it (recorded in the audit log; only moderators see it)"
          maxLength={500}
          required
          autoFocus={firstErrorField(lastResult, ["reason"]) === "reason"}
        />
        <p>
          <button type="submit" className="danger">
            Hide message
          </button>
        </p>
      </Form>
    </details>
  );
}
