import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { MAX_KEPT, MAX_KEPT_SOURCE, keptMarkdownCount, renderMarkdown } from "~/markdown.server";

describe("renderMarkdown", () => {
  it("escapes raw HTML instead of passing it through", () => {
    const html = renderMarkdown('Hello <script>alert(1)</script> <img src=x onerror="alert(2)">');
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  it("refuses javascript: and data: links and marks the others nofollow", () => {
    const html = renderMarkdown("[a](javascript:alert(1)) [b](data:text/html,hi) [c](https://example.test/x)");
    expect(html).not.toMatch(/href="(javascript|data):/i);
    expect(html).toContain('<a href="https://example.test/x" rel="nofollow noopener noreferrer">c</a>');
  });

  it("gives the same HTML from the kept copy as a fresh render, for any source", () => {
    // The app's settings, without the kept copies: what every call must equal.
    const fresh = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
    fresh.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
      tokens[idx].attrSet("rel", "nofollow noopener noreferrer");
      return self.renderToken(tokens, idx, options);
    };
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (source) => {
        const first = renderMarkdown(source);
        const second = renderMarkdown(source);
        expect(first).toBe(fresh.render(source));
        expect(second).toBe(first);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps at most MAX_KEPT texts, and none over MAX_KEPT_SOURCE characters", () => {
    for (let i = 0; i < MAX_KEPT + 50; i++) renderMarkdown(`Gig number ${i}: *dialogue*`);
    expect(keptMarkdownCount()).toBe(MAX_KEPT);
    // A new text past the bound replaces one: the count stays.
    renderMarkdown("One more gig");
    expect(keptMarkdownCount()).toBe(MAX_KEPT);
    const long = `${"word ".repeat(MAX_KEPT_SOURCE / 5)}x`;
    const before = keptMarkdownCount();
    expect(renderMarkdown(long)).toContain("<p>word word");
    expect(keptMarkdownCount()).toBe(before);
  });
});
