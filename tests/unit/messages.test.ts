/**
 * The pure rules of conversations (app/domain/messages.ts) and the React rendering of a message
 * (app/components/messages.tsx): no input whatsoever becomes markup, only http(s) URLs become
 * links (with rel="noopener noreferrer nofollow ugc"), the text shown is exactly the text written;
 * who may read, write and moderate; the body rules; the rate limit says when to try again.
 */
import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageText } from "~/components/messages";
import {
  LINK_REL,
  MESSAGE_MAX,
  RATE_LIMITS,
  type Viewer,
  checkRate,
  conversationAccess,
  excerpt,
  messageBodySchema,
  participantLabel,
  recipientsOf,
  segmentsOf,
} from "~/domain/messages";

// ---------------------------------------------------------------------------------- rendering

const PIECES = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg onload=alert(1)>',
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<b>x</b>",
  "mailto:someone@example.com",
  "//evil.example/path",
  "http://",
  "https://",
  "HTTPS://EXAMPLE.COM/",
  "http://a.example/b?c=d&e=<f>",
  'https://x.example/"onmouseover=alert(1)',
  "https://en.wikipedia.org/wiki/Foo_(bar)",
  "https://例え.テスト/パス",
  "http://127.0.0.1:3000/x",
  "http://user:pass@host.example/",
  "https://a.example/'><a href=javascript:x>",
  "&amp;",
  "&lt;b&gt;",
  "&#x3C;",
  "<a href='https://a.example'>x</a>",
  "(",
  ")",
  ".",
  ",",
  " ",
  "\n",
  "\t",
  "'",
  '"',
  "`",
  "\u2028",
  "\u0000",
  "x",
];

const messy = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 6 })), {
    maxLength: 24,
  })
  .map((parts) => parts.join(""));

const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k === "amp") return "&";
    if (k === "lt") return "<";
    if (k === "gt") return ">";
    if (k === "quot") return '"';
    if (k === "apos") return "'";
    return String.fromCodePoint(k.startsWith("#x") ? Number.parseInt(k.slice(2), 16) : Number.parseInt(k.slice(1), 10));
  });

/**
 * Parses the rendered HTML of a message strictly: a <p class="message-body"> holding only <span>
 * text</span> and <a href rel target>text</a> elements whose text contains no markup. Anything
 * else (another tag, another attribute, a raw "<") fails the match.
 */
function parseRendered(html: string): { text: string; links: { href: string; text: string }[] } {
  const whole =
    /^<p class="message-body">((?:<span>[^<>]*<\/span>|<a href="[^"<>]*" rel="[^"<>]*" target="_blank">[^<>]*<\/a>)*)<\/p>$/.exec(html);
  if (!whole) throw new Error(`unexpected markup: ${html}`);
  const links: { href: string; text: string }[] = [];
  let text = "";
  for (const m of whole[1].matchAll(/<span>([^<>]*)<\/span>|<a href="([^"<>]*)" rel="([^"<>]*)" target="_blank">([^<>]*)<\/a>/g)) {
    if (m[1] !== undefined) text += decode(m[1]);
    else {
      expect(m[3]).toBe(LINK_REL);
      links.push({ href: decode(m[2]), text: decode(m[4]) });
      text += decode(m[4]);
    }
  }
  return { text, links };
}

const render = (body: string) => renderToStaticMarkup(createElement(MessageText, { body }));

describe("rendering a message", () => {
  it("never produces markup from the text, shows exactly the text written, and links only http(s) URLs", () => {
    fc.assert(
      fc.property(messy, (body) => {
        const { text, links } = parseRendered(render(body));
        expect(text).toBe(body);
        for (const l of links) {
          const url = new URL(l.href);
          expect(["http:", "https:"]).toContain(url.protocol);
          expect(l.text.toLowerCase().startsWith("http")).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("segments join back to the input, and every link is an absolute http(s) URL", () => {
    fc.assert(
      fc.property(messy, (body) => {
        const segs = segmentsOf(body);
        expect(segs.map((s) => s.text).join("")).toBe(body);
        for (const s of segs) {
          if (s.kind === "text") expect(s.text.length).toBeGreaterThan(0);
          else expect(/^https?:\/\/[^/]/.test(s.href)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("links what people mean and leaves punctuation and other schemes as text", () => {
    const links = (s: string) =>
      segmentsOf(s)
        .filter((x) => x.kind === "link")
        .map((x) => x.text);
    expect(links("See https://example.com/brief.")).toEqual(["https://example.com/brief"]);
    expect(links("(details at http://example.com/a?b=1), thanks!")).toEqual(["http://example.com/a?b=1"]);
    expect(links("https://en.wikipedia.org/wiki/Foo_(bar)")).toEqual(["https://en.wikipedia.org/wiki/Foo_(bar)"]);
    expect(links("javascript:alert(1) data:text/html,x mailto:a@b.c //evil.example www.example.com")).toEqual([]);
    expect(links("http:// and https://")).toEqual([]);
    expect(links("xhttps://glued.example")).toEqual([]);
    expect(links("two: https://a.example\nhttps://b.example")).toEqual(["https://a.example", "https://b.example"]);
    const html = render('Look <b>here</b>: https://a.example/?q="x" & more');
    expect(html).toContain("&lt;b&gt;here&lt;/b&gt;");
    expect(html).toContain(`rel="${LINK_REL}"`);
    expect(html).not.toContain("<b>");
  });
});

// ---------------------------------------------------------------------------------- access

const roles = fc.constantFrom("PROFESSIONAL", "LAB_MEMBER", "COORDINATOR", "ADMIN", "SOMETHING_ELSE");
const ids = fc.constantFrom("p1", "p2", "l1", "l2", null);
const viewer: fc.Arbitrary<Viewer> = fc.record({ id: fc.constantFrom("u1", "u2"), role: roles, profileId: ids, labId: ids });
const scope = fc.record({ profileId: fc.constantFrom("p1", "p2"), labId: fc.constantFrom("l1", "l2") });

describe("who may read, write and moderate a conversation", () => {
  it("the application's professional, the gig's lab and staff read; nobody else; writing and moderating need reading", () => {
    fc.assert(
      fc.property(fc.option(viewer, { nil: null }), scope, (v, s) => {
        const a = conversationAccess(v, s);
        if (a.write || a.moderate) expect(a.read).toBe(true);
        const own = v?.role === "PROFESSIONAL" && v.profileId === s.profileId;
        const lab = v?.role === "LAB_MEMBER" && v.labId === s.labId;
        const staff = v?.role === "COORDINATOR" || v?.role === "ADMIN";
        expect(a.read).toBe(Boolean(own || lab || staff));
        expect(a.write).toBe(Boolean(own || lab || v?.role === "COORDINATOR"));
        expect(a.moderate).toBe(Boolean(staff));
      }),
    );
  });

  it("another professional and another lab get nothing, even with matching other ids", () => {
    expect(conversationAccess({ id: "u", role: "PROFESSIONAL", profileId: "p2", labId: "l1" }, { profileId: "p1", labId: "l1" }).read).toBe(
      false,
    );
    expect(conversationAccess({ id: "u", role: "LAB_MEMBER", profileId: "p1", labId: "l2" }, { profileId: "p1", labId: "l1" }).read).toBe(
      false,
    );
    expect(conversationAccess({ id: "u", role: "LAB_MEMBER", profileId: null, labId: null }, { profileId: "p1", labId: "l1" }).read).toBe(
      false,
    );
    expect(conversationAccess(null, { profileId: "p1", labId: "l1" }).read).toBe(false);
  });
});

// ---------------------------------------------------------------------------------- body

describe("the message body", () => {
  it("is trimmed, 1 to 4000 characters, plain text", () => {
    expect(messageBodySchema.parse("  hello \n")).toBe("hello");
    expect(messageBodySchema.parse("a\r\nb")).toBe("a\nb");
    expect(messageBodySchema.safeParse("   ").success).toBe(false);
    expect(messageBodySchema.safeParse(undefined).success).toBe(false);
    expect(messageBodySchema.safeParse("x".repeat(MESSAGE_MAX)).success).toBe(true);
    expect(messageBodySchema.safeParse("x".repeat(MESSAGE_MAX + 1)).success).toBe(false);
    // 4000 characters typed with CRLF line breaks are 4000 characters.
    expect(messageBodySchema.safeParse(`${"x".repeat(1999)}\r\n${"y".repeat(2000)}`).success).toBe(true);
    expect(messageBodySchema.safeParse("bell\u0007").success).toBe(false);
    expect(messageBodySchema.safeParse("tab\tand\nlines").success).toBe(true);
  });

  it("an excerpt is short, cut at a word, and marked when cut", () => {
    expect(excerpt("short")).toBe("short");
    const long = excerpt("word ".repeat(200), 50);
    expect(long.length).toBeLessThanOrEqual(51);
    expect(long.endsWith("…")).toBe(true);
  });
});

// ---------------------------------------------------------------------------------- rate limit

describe("the rate limit", () => {
  const now = new Date("2026-12-03T12:00:00Z");
  const ago = (s: number) => new Date(now.getTime() - s * 1000);

  it("refuses the sixth message in a minute in one conversation and says when to try again", () => {
    const here = [ago(50), ago(40), ago(30), ago(20), ago(10)];
    const r = checkRate(now, here, here);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.retryAt.toISOString()).toBe(new Date(ago(50).getTime() + 60_000).toISOString());
    expect(r.retryAfterSeconds).toBe(10);
    expect(r.message).toContain("in 10 seconds");
    expect(checkRate(now, here.slice(1), here.slice(1)).ok).toBe(true);
    // Older than a minute does not count here.
    expect(checkRate(now, [ago(70), ...here.slice(1)], [ago(70), ...here.slice(1)]).ok).toBe(true);
  });

  it("refuses past the hourly limit across conversations, with the wait in minutes", () => {
    const all = Array.from({ length: RATE_LIMITS.perHour }, (_, i) => ago(3000 - i * 40));
    const r = checkRate(now, [], all);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/in \d+ minutes?/);
  });

  it("a refusal's time is exactly when sending becomes possible again", () => {
    const item = fc.record({ secondsAgo: fc.integer({ min: 0, max: 3700 }), here: fc.boolean() });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 80 }), (items) => {
        const all = items.map((i) => ago(i.secondsAgo));
        const here = items.filter((i) => i.here).map((i) => ago(i.secondsAgo));
        const r = checkRate(now, here, all, { perConversationPerMinute: 3, perHour: 20 });
        if (r.ok) return;
        expect(r.retryAt.getTime()).toBeGreaterThan(now.getTime());
        expect(checkRate(r.retryAt, here, all, { perConversationPerMinute: 3, perHour: 20 }).ok).toBe(true);
        expect(checkRate(new Date(r.retryAt.getTime() - 1), here, all, { perConversationPerMinute: 3, perHour: 20 }).ok).toBe(false);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------- people

describe("who is told and how people are named", () => {
  it("everyone but the author, once each; coordinators involved, else all of them", () => {
    const u = fc.constantFrom("pro", "m1", "m2", "c1", "c2", "c3");
    fc.assert(
      fc.property(
        u,
        fc.array(u, { maxLength: 3 }),
        fc.option(u, { nil: null }),
        fc.array(u, { maxLength: 3 }),
        (author, members, responsible, wrote) => {
          const all = ["c1", "c2", "c3"];
          const r = recipientsOf({
            authorId: author,
            professionalUserId: "pro",
            labMemberIds: members,
            responsibleCoordinatorId: responsible,
            coordinatorsWhoWrote: wrote,
            allCoordinatorIds: all,
          });
          expect(r).not.toContain(author);
          expect(new Set(r).size).toBe(r.length);
          if (author !== "pro") expect(r).toContain("pro");
          for (const m of members) if (m !== author) expect(r).toContain(m);
          const involved = [...(responsible ? [responsible] : []), ...wrote];
          const staffTold = involved.length ? involved : all;
          for (const c of staffTold) if (c !== author) expect(r).toContain(c);
        },
      ),
    );
  });

  it("names people by name, lab members with their lab, never by anything else", () => {
    expect(participantLabel({ name: "Ada", role: "LAB_MEMBER", labName: "Lumen Foundry" })).toBe("Ada, Lumen Foundry");
    expect(participantLabel({ name: "Cole", role: "COORDINATOR" })).toBe("Cole, Second Act coordinator");
    expect(participantLabel({ name: "Pat", role: "PROFESSIONAL" })).toBe("Pat");
    expect(participantLabel(null)).toBe("Former member");
  });
});
