/** The profile completeness meter. */

// ---------------------------------------------------------------------------

export interface CompletenessInput {
  headline: string;
  bio: string;
  location: string;
  languages: readonly unknown[];
  hoursPerWeek: number | null;
  minRateCents: number | null;
  availableFrom: Date | string | null;
  links: readonly string[];
  aiUseConsentAt: Date | string | null;
  creditCount: number;
}

export interface CompletenessItem {
  key: string;
  label: string;
  weight: number;
  done: boolean;
  /** Where in the app to fix it. */
  href: string;
}

export interface Completeness {
  percent: number;
  items: CompletenessItem[];
  /** The missing item worth most, or null when complete. */
  next: CompletenessItem | null;
}

/**
 * Percentage complete and the next most useful thing to add. Weights follow what matters for
 * matching: credits drive the transfer scores, then consent (needed to work), then the facts
 * labs filter on.
 */
export function profileCompleteness(p: CompletenessInput): Completeness {
  const items: CompletenessItem[] = [
    { key: "credit", label: "Add your first TV credit", weight: 30, done: p.creditCount >= 1, href: "/me/profile/credits" },
    { key: "consent", label: "Read and accept the AI-use terms", weight: 10, done: Boolean(p.aiUseConsentAt), href: "/me/profile#consent" },
    { key: "moreCredits", label: "Add at least three credits", weight: 10, done: p.creditCount >= 3, href: "/me/profile/credits" },
    { key: "headline", label: "Write a one-line headline", weight: 10, done: p.headline.trim().length > 0, href: "/me/profile#f-headline" },
    { key: "languages", label: "Add the languages you work in", weight: 10, done: p.languages.length > 0, href: "/me/profile#languages" },
    {
      key: "bio",
      label: "Write a short bio (50 characters or more)",
      weight: 8,
      done: p.bio.trim().length >= 50,
      href: "/me/profile#f-bio",
    },
    {
      key: "hours",
      label: "Say how many hours a week you can work",
      weight: 7,
      done: p.hoursPerWeek != null,
      href: "/me/profile#f-hoursPerWeek",
    },
    { key: "rate", label: "Set your minimum hourly rate", weight: 5, done: p.minRateCents != null, href: "/me/profile#f-minRate" },
    { key: "location", label: "Add your location", weight: 4, done: p.location.trim().length > 0, href: "/me/profile#f-location" },
    { key: "links", label: "Add a portfolio link", weight: 3, done: p.links.length > 0, href: "/me/profile#f-links" },
    {
      key: "available",
      label: "Say when you are available from",
      weight: 3,
      done: p.availableFrom != null,
      href: "/me/profile#f-availableFrom",
    },
  ];
  const total = items.reduce((s, i) => s + i.weight, 0);
  const done = items.filter((i) => i.done).reduce((s, i) => s + i.weight, 0);
  const next = items.filter((i) => !i.done).sort((a, b) => b.weight - a.weight)[0] ?? null;
  return { percent: Math.round((100 * done) / total), items, next };
}
