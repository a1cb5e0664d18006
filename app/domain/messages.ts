/**
 * Conversations per application (issue 24), the pure rules: who may read, write and moderate a
 * conversation, what a message body may be, how links in it are found (only http/https, rendered
 * as React elements, never as HTML strings), the rate limit, who hears about a new message and
 * how people are named (display names; lab members as "<name>, <lab>"; never an email address).
 */
import { z } from "zod";

export const MESSAGE_MAX = 4000;
export const HIDE_REASON_MAX = 500;
/** Messages on one page of a conversation (the newest page is shown first, oldest message on top). */
export const MESSAGE_PAGE = 20;

// ---------------------------------------------------------------------------------- access

export type ViewerRole = "PROFESSIONAL" | "LAB_MEMBER" | "COORDINATOR" | "ADMIN";
export interface Viewer {
  id: string;
  role: ViewerRole | string;
  profileId: string | null;
  labId: string | null;
}
/** The conversation's application: whose it is and which lab's gig it is on. */
export interface ConversationScope {
  profileId: string;
  labId: string;
}
export interface Access {
  read: boolean;
  write: boolean;
  moderate: boolean;
}

const NONE: Access = { read: false, write: false, moderate: false };

/**
 * The professional of the application and the members of the gig's lab read and write;
 * coordinators read, write and moderate; admins read and moderate (they do not take part).
 * Everyone else (another professional, another lab, signed out) gets nothing.
 */
export function conversationAccess(viewer: Viewer | null | undefined, scope: ConversationScope): Access {
  if (!viewer) return NONE;
  switch (viewer.role) {
    case "PROFESSIONAL":
      return viewer.profileId !== null && viewer.profileId === scope.profileId ? { read: true, write: true, moderate: false } : NONE;
    case "LAB_MEMBER":
      return viewer.labId !== null && viewer.labId === scope.labId ? { read: true, write: true, moderate: false } : NONE;
    case "COORDINATOR":
      return { read: true, write: true, moderate: true };
    case "ADMIN":
      return { read: true, write: false, moderate: true };
    default:
      return NONE;
  }
}

// ---------------------------------------------------------------------------------- body

/** Control characters other than tab and line breaks (they have no place in a plain-text message). */
const hasControl = (s: string) =>
  [...s].some((ch) => {
    const c = ch.charCodeAt(0);
    return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f;
  });

/** Line endings as typed in a browser (CRLF) are the same text as LF: the length counts LF. */
export const normalizeBody = (raw: string) => raw.replace(/\r\n?/g, "\n").trim();

export const messageBodySchema = z.preprocess(
  (v) => (typeof v === "string" ? normalizeBody(v) : v === undefined || v === null ? "" : v),
  z
    .string({ error: "Write a message." })
    .min(1, "Write a message.")
    .max(MESSAGE_MAX, `Use at most ${MESSAGE_MAX} characters.`)
    .refine((s) => !hasControl(s), "The message contains control characters; paste it as plain text."),
);

/** The conversation form (tracker and candidate view). */
export const messageFormSchema = z.object({
  intent: z.literal("message"),
  body: messageBodySchema,
});

/** A coordinator or admin hides a message, saying why (audited). */
export const hideFormSchema = z.object({
  intent: z.literal("hide"),
  messageId: z.string({ error: "Choose a message." }).min(1, "Choose a message.").max(40),
  reason: z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : ""),
    z
      .string()
      .min(3, "Say why the message is hidden (at least 3 characters).")
      .max(HIDE_REASON_MAX, `Use at most ${HIDE_REASON_MAX} characters.`),
  ),
});

// ---------------------------------------------------------------------------------- links

export type Segment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

/** Attributes every user-written link gets. */
export const LINK_REL = "noopener noreferrer nofollow ugc";

const URL_CANDIDATE = /https?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'")\]}>*_~]+$/;

/**
 * Splits plain text into text and link segments. Only `http://` and `https://` URLs that parse
 * become links (no `javascript:`, `data:`, `mailto:`, protocol-relative or bare domains); trailing
 * punctuation stays text. Joining the segments' `text` gives back the input exactly.
 */
export function segmentsOf(input: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  const push = (text: string) => {
    if (!text) return;
    const prev = out[out.length - 1];
    if (prev?.kind === "text") prev.text += text;
    else out.push({ kind: "text", text });
  };
  for (const m of input.matchAll(URL_CANDIDATE)) {
    const start = m.index ?? 0;
    // A URL glued to a word ("xhttp://...") is not a link: it would start mid-word.
    if (start > 0 && /[\p{L}\p{N}_]/u.test(input[start - 1])) continue;
    let text = m[0];
    const trail = TRAILING.exec(text)?.[0] ?? "";
    // Keep a closing parenthesis that closes one opened inside the URL (Wikipedia-style links).
    let keep = 0;
    if (trail.startsWith(")") && (text.match(/\(/g)?.length ?? 0) > (text.slice(0, text.length - trail.length).match(/\)/g)?.length ?? 0))
      keep = 1;
    text = text.slice(0, text.length - trail.length + keep);
    const href = safeHref(text);
    if (!href) continue;
    push(input.slice(last, start));
    out.push({ kind: "link", text, href });
    last = start + text.length;
  }
  push(input.slice(last));
  return out;
}

/** The normalized URL when `text` is an absolute http(s) URL with a host, else null. */
export function safeHref(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (!url.hostname) return null;
  return url.href;
}

// ---------------------------------------------------------------------------------- rate limit

export const RATE_LIMITS = {
  /** Messages one person may send into one conversation per minute. */
  perConversationPerMinute: 5,
  /** Messages one person may send across all conversations per hour. */
  perHour: 60,
} as const;

export type RateCheck = { ok: true } | { ok: false; retryAt: Date; retryAfterSeconds: number; message: string };

/**
 * Whether the author may send one more message now, from the times of their recent messages
 * (this conversation's within the last minute, all within the last hour). A refusal says when
 * the oldest message counted leaves the window, so the person knows when to try again.
 */
export function checkRate(
  now: Date,
  recentHere: readonly Date[],
  recentAll: readonly Date[],
  limits: { perConversationPerMinute: number; perHour: number } = RATE_LIMITS,
): RateCheck {
  const t = now.getTime();
  const within = (list: readonly Date[], ms: number) =>
    list
      .map((d) => d.getTime())
      .filter((x) => x > t - ms && x <= t)
      .sort((a, b) => a - b);
  const here = within(recentHere, 60_000);
  const all = within(recentAll, 3_600_000);
  const refusals: { retryAt: number; message: (wait: string) => string }[] = [];
  if (here.length >= limits.perConversationPerMinute) {
    refusals.push({
      retryAt: here[here.length - limits.perConversationPerMinute] + 60_000,
      message: (wait) =>
        `You sent ${limits.perConversationPerMinute} messages in this conversation in the last minute. You can send the next one ${wait}.`,
    });
  }
  if (all.length >= limits.perHour) {
    refusals.push({
      retryAt: all[all.length - limits.perHour] + 3_600_000,
      message: (wait) => `You sent ${limits.perHour} messages in the last hour. You can send the next one ${wait}.`,
    });
  }
  if (!refusals.length) return { ok: true };
  const worst = refusals.reduce((a, b) => (b.retryAt > a.retryAt ? b : a));
  const seconds = Math.max(1, Math.ceil((worst.retryAt - t) / 1000));
  return { ok: false, retryAt: new Date(worst.retryAt), retryAfterSeconds: seconds, message: worst.message(waitText(seconds)) };
}

export function waitText(seconds: number): string {
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

// ---------------------------------------------------------------------------------- people

/**
 * How a participant is named in the conversation, notifications and emails: never by email.
 * A deleted author (null) is "Former member".
 */
export function participantLabel(p: { name: string; role: string; labName?: string | null } | null): string {
  if (!p) return "Former member";
  const name = p.name.trim() || "Someone";
  switch (p.role) {
    case "LAB_MEMBER":
      return p.labName ? `${name}, ${p.labName}` : name;
    case "COORDINATOR":
      return `${name}, Second Act coordinator`;
    case "ADMIN":
      return `${name}, Second Act admin`;
    default:
      return name;
  }
}

/**
 * Who hears about a new message: everyone in the conversation but the author. The professional,
 * every member of the gig's lab, and the coordinators involved: the gig's responsible coordinator
 * and any coordinator who already wrote here; when there is none, every coordinator (someone must
 * read a question addressed to the platform).
 */
export function recipientsOf(input: {
  authorId: string;
  professionalUserId: string;
  labMemberIds: readonly string[];
  responsibleCoordinatorId: string | null;
  coordinatorsWhoWrote: readonly string[];
  allCoordinatorIds: readonly string[];
}): string[] {
  const coordinators = [...(input.responsibleCoordinatorId ? [input.responsibleCoordinatorId] : []), ...input.coordinatorsWhoWrote];
  const staff = coordinators.length ? coordinators : input.allCoordinatorIds;
  const all = [input.professionalUserId, ...input.labMemberIds, ...staff];
  return [...new Set(all)].filter((id) => id !== input.authorId);
}

/** The first `max` characters of a message for a notification (whole words, an ellipsis when cut). */
export function excerpt(body: string, max = 280): string {
  const flat = body.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
