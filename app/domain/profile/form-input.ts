/** Small helpers that read form strings for the profile and credit schemas; not re-exported by the index. */

export const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
export const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/** Whole number from a form string ("12", " 12 "); "" → undefined; anything else stays for zod to reject. */
export function toIntInput(v: unknown): unknown {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return v;
  const s = v.trim();
  if (s === "") return undefined;
  return /^[+-]?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}
