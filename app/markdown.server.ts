/**
 * Markdown rendered safely: raw HTML in the source is escaped (html: false), and markdown-it's
 * link validation refuses javascript:, vbscript: and data: URLs (except images).
 *
 * Rendered texts are kept per process by their source (a gig's description is the same on every
 * view until it is edited, and rendering it was ~2.6% of a signed-in gig page's server CPU under
 * load: docs/perf/data.md, round 8). The output depends on the source alone, so a kept entry can
 * never be stale. At most MAX_KEPT entries, oldest dropped first; sources over MAX_KEPT_SOURCE
 * characters are rendered every time (a gig description is at most 20,000).
 */
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet("rel", "nofollow noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export const MAX_KEPT = 500;
export const MAX_KEPT_SOURCE = 20_000;
const kept = new Map<string, string>();

export function renderMarkdown(source: string): string {
  const hit = kept.get(source);
  if (hit !== undefined) return hit;
  const html = md.render(source);
  if (source.length <= MAX_KEPT_SOURCE) {
    if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value as string);
    kept.set(source, html);
  }
  return html;
}

/** How many rendered texts are kept now (tests). */
export function keptMarkdownCount(): number {
  return kept.size;
}
