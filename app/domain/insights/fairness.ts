/** The fairness audit: selection, invitation and completion rates by self-identified group, with small-group suppression. */
import { DEMOGRAPHIC_FIELDS } from "~/domain/profile";

// ---------------------------------------------------------------------------
// Fairness audit
// ---------------------------------------------------------------------------

/**
 * Who is included: professionals who opted in to demographic reporting (Profile.demographicsOptIn).
 * Each person belongs to exactly one group per attribute: the answer they gave, or
 * "Not answered".
 *
 * Rates, per group:
 *   - selection: share of group members with at least one application that started as an
 *     invitation or a recommendation (origin INVITED or RECOMMENDED). Denominator: group size.
 *   - invitation: share of group members with at least one INVITED application. Denominator:
 *     group size.
 *   - completion: among group members with at least one application (applied, invited or
 *     recommended), the share with at least one application that reached ACTIVE.
 *
 * Selection-rate ratio: group rate / the highest rate among the shown (not suppressed) groups of
 * that attribute, leaving out "Prefer not to say" and "Not answered" as reference. A ratio below
 * 4/5 (0.8) is flagged (the four-fifths rule of thumb for adverse impact). It is a screening
 * signal, not proof of discrimination.
 *
 * Suppression (k, default 10), per attribute and per denominator (group size for selection and
 * invitation, applicant count for completion):
 *   1. any group whose denominator is below k is suppressed: no rate, no count, no ratio;
 *   2. complementary suppression: the total is public, so "total minus the shown groups" would
 *      reveal the suppressed groups together. If that combined size is between 1 and k-1, the
 *      smallest shown group is suppressed too, repeated until the hidden total is 0 or >= k.
 * Suppressed groups are still listed (marked suppressed), so no group disappears silently, and
 * they are never the reference. Every option of the questionnaire is listed, even when empty.
 */
export const FAIRNESS_K = 10;
export const FOUR_FIFTHS = 0.8;
export const NOT_ANSWERED = "Not answered";
const NON_DISCLOSURE = new Set(["Prefer not to say", NOT_ANSWERED]);

export type FairnessMetric = "selection" | "invitation" | "completion";
export const FAIRNESS_METRICS: readonly { key: FairnessMetric; label: string; denominator: string }[] = [
  { key: "selection", label: "Selected (invited or recommended)", denominator: "people in the group" },
  { key: "invitation", label: "Invited", denominator: "people in the group" },
  { key: "completion", label: "Reached Active", denominator: "people in the group who applied or were invited" },
];

export interface FairnessPerson {
  /** Profile.demographics (any shape; only the known keys are read). */
  demographics: unknown;
  /** Applications in scope, any origin. */
  applications: number;
  /** At least one application with origin INVITED or RECOMMENDED. */
  selected: boolean;
  /** At least one application with origin INVITED. */
  invited: boolean;
  /** At least one application that reached ACTIVE. */
  completed: boolean;
}

export type FairnessCell =
  | {
      suppressed: false;
      denominator: number;
      count: number;
      rate: number;
      /** rate / reference rate; null when there is no reference or it is 0. */
      ratio: number | null;
      flagged: boolean;
      isReference: boolean;
    }
  | { suppressed: true; why: "small-group" | "complementary" };

export interface FairnessGroup {
  group: string;
  /** "Prefer not to say" / "Not answered": shown, but never the reference. */
  nonDisclosure: boolean;
  cells: Record<FairnessMetric, FairnessCell>;
}

export interface FairnessAttribute {
  key: string;
  label: string;
  groups: FairnessGroup[];
  reference: Record<FairnessMetric, { group: string; rate: number } | null>;
  flagged: number;
}

export interface FairnessReport {
  k: number;
  threshold: number;
  /** Opted-in people included; null when fewer than k (then every group is suppressed anyway). */
  included: number | null;
  attributes: FairnessAttribute[];
}

function demographicValue(demographics: unknown, key: string): string {
  if (!demographics || typeof demographics !== "object" || Array.isArray(demographics)) return NOT_ANSWERED;
  const v = (demographics as Record<string, unknown>)[key];
  if (typeof v !== "string" || !v.trim()) return NOT_ANSWERED;
  return v.trim();
}

/**
 * Which groups to hide, given each group's denominator: primary (< k) and complementary
 * suppression (see above). Returns the reason per suppressed group.
 */
export function suppressGroups(sizes: readonly { group: string; size: number }[], k: number): Map<string, "small-group" | "complementary"> {
  const hidden = new Map<string, "small-group" | "complementary">();
  for (const s of sizes) if (s.size < k) hidden.set(s.group, "small-group");
  for (;;) {
    const hiddenTotal = sizes.filter((s) => hidden.has(s.group)).reduce((sum, s) => sum + s.size, 0);
    if (hiddenTotal === 0 || hiddenTotal >= k) break;
    const candidates = sizes.filter((s) => !hidden.has(s.group)).sort((a, b) => a.size - b.size || a.group.localeCompare(b.group));
    if (candidates.length === 0) break;
    hidden.set(candidates[0].group, "complementary");
  }
  return hidden;
}

export function fairnessReport(people: readonly FairnessPerson[], opts: { k?: number } = {}): FairnessReport {
  const k = Math.max(1, opts.k ?? FAIRNESS_K);
  const attributes: FairnessAttribute[] = DEMOGRAPHIC_FIELDS.map((field) => {
    // Every questionnaire option, then anything unexpected found in the data, then "Not answered".
    const values = new Map<string, FairnessPerson[]>();
    for (const o of field.options) values.set(o, []);
    const extra = new Set<string>();
    for (const p of people) {
      const v = demographicValue(p.demographics, field.key);
      if (!values.has(v)) {
        values.set(v, []);
        if (v !== NOT_ANSWERED) extra.add(v);
      }
      values.get(v)!.push(p);
    }
    if (!values.has(NOT_ANSWERED)) values.set(NOT_ANSWERED, []);
    const order = [...(field.options as readonly string[]), ...[...extra].sort(), NOT_ANSWERED];
    const members = order.map((group) => ({ group, people: values.get(group) ?? [] }));

    const sizeHidden = suppressGroups(
      members.map((m) => ({ group: m.group, size: m.people.length })),
      k,
    );
    const applicantHidden = suppressGroups(
      members.map((m) => ({ group: m.group, size: m.people.filter((p) => p.applications > 0).length })),
      k,
    );

    type Raw = { count: number; denominator: number } | { hidden: "small-group" | "complementary" };
    const raw = (group: string, metric: FairnessMetric, list: FairnessPerson[]): Raw => {
      const hiddenWhy = metric === "completion" ? applicantHidden.get(group) : sizeHidden.get(group);
      if (hiddenWhy) return { hidden: hiddenWhy };
      if (metric === "selection") return { count: list.filter((p) => p.selected).length, denominator: list.length };
      if (metric === "invitation") return { count: list.filter((p) => p.invited).length, denominator: list.length };
      const applicants = list.filter((p) => p.applications > 0);
      return { count: applicants.filter((p) => p.completed).length, denominator: applicants.length };
    };

    const raws = members.map((m) => ({
      group: m.group,
      nonDisclosure: NON_DISCLOSURE.has(m.group),
      metrics: Object.fromEntries(FAIRNESS_METRICS.map((f) => [f.key, raw(m.group, f.key, m.people)])) as Record<FairnessMetric, Raw>,
    }));

    const reference = {} as Record<FairnessMetric, { group: string; rate: number; count: number; denominator: number } | null>;
    for (const { key } of FAIRNESS_METRICS) {
      let best: { group: string; rate: number; count: number; denominator: number } | null = null;
      for (const r of raws) {
        const m = r.metrics[key];
        if (r.nonDisclosure || "hidden" in m || m.denominator === 0) continue;
        // Compare count/denominator exactly (cross-multiplication, no floating point).
        if (!best || m.count * best.denominator > best.count * m.denominator) {
          best = { group: r.group, rate: m.count / m.denominator, count: m.count, denominator: m.denominator };
        }
      }
      reference[key] = best;
    }

    let flagged = 0;
    const groups: FairnessGroup[] = raws.map((r) => {
      const cells = {} as Record<FairnessMetric, FairnessCell>;
      for (const { key } of FAIRNESS_METRICS) {
        const m = r.metrics[key];
        if ("hidden" in m) {
          cells[key] = { suppressed: true, why: m.hidden };
          continue;
        }
        const ref = reference[key];
        const rate = m.denominator ? m.count / m.denominator : 0;
        const usable = ref !== null && ref.count > 0 && m.denominator > 0;
        // ratio < 4/5  <=>  5 * count * refDen < 4 * refCount * den (exact in integers)
        const isFlagged = usable && 5 * m.count * ref.denominator < 4 * ref.count * m.denominator;
        if (isFlagged) flagged++;
        cells[key] = {
          suppressed: false,
          denominator: m.denominator,
          count: m.count,
          rate,
          ratio: usable ? rate / ref.rate : null,
          flagged: isFlagged,
          isReference: usable && m.count * ref.denominator === ref.count * m.denominator && !r.nonDisclosure,
        };
      }
      return { group: r.group, nonDisclosure: r.nonDisclosure, cells };
    });

    return {
      key: field.key,
      label: field.label,
      groups,
      reference: Object.fromEntries(
        FAIRNESS_METRICS.map((f) => [f.key, reference[f.key] ? { group: reference[f.key]!.group, rate: reference[f.key]!.rate } : null]),
      ) as Record<FairnessMetric, { group: string; rate: number } | null>,
      flagged,
    };
  });
  return { k, threshold: FOUR_FIFTHS, included: people.length >= k ? people.length : null, attributes };
}
