/**
 * Pay transparency helpers. Pure: no I/O, no clock.
 *
 * MONEY CONVENTION: every amount in this module (and in matching.ts) is an
 * integer in the currency's MINOR unit — cents for USD/EUR/GBP, yen for JPY
 * (which has no minor unit), and so on. `{ amount: 6250, currency: "USD" }`
 * is $62.50. Currency codes are ISO 4217 ("USD", "GBP"); they're compared
 * case-insensitively and normalised to upper case.
 */

export type PayUnit = "HOUR" | "TASK";

export interface Money {
  /** Integer amount in the currency's minor unit (cents for USD). */
  amount: number;
  /** ISO 4217 code, e.g. "USD". */
  currency: string;
}

export interface PayRate extends Money {
  unit: PayUnit;
  /** Estimated minutes one task takes; only used when unit is "TASK". */
  minutesPerTask?: number | null;
}

const MINUTES_PER_HOUR = 60;

export function normalizeCurrency(code: string): string {
  return code.trim().toUpperCase();
}

function isValidAmount(n: unknown): n is number {
  return typeof n === "number" && Number.isFinite(n) && n >= 0;
}

/**
 * Number of digits in a currency's minor unit (2 for USD, 0 for JPY, 3 for
 * KWD). Falls back to 2 for codes Intl doesn't know.
 */
const digitsCache = new Map<string, number>();
export function minorUnitDigits(currency: string): number {
  const code = normalizeCurrency(currency);
  let digits = digitsCache.get(code);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    if (digitsCache.size < 500) digitsCache.set(code, digits);
  }
  return digits;
}

// Building an Intl.NumberFormat costs ~100 µs; formatting with a cached one ~1 µs.
const formatterCache = new Map<string, Intl.NumberFormat>();
function currencyFormatter(locale: string, code: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${code}|${fractionDigits}`;
  let f = formatterCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: code,
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    if (formatterCache.size < 500) formatterCache.set(key, f);
  }
  return f;
}

/** Convert a major-unit amount (e.g. 62.5 dollars) to integer minor units (6250). */
export function toMinorUnits(major: number, currency: string): number {
  return Math.round(major * 10 ** minorUnitDigits(currency));
}

/** Convert integer minor units (6250) to a major-unit number (62.5). */
export function fromMinorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorUnitDigits(currency);
}

/**
 * Estimated hourly pay, in minor units of the same currency.
 * - HOUR: the amount itself.
 * - TASK: amount × 60 / minutesPerTask, rounded to the nearest minor unit.
 *   Returns null when minutes per task is unknown, zero, negative or not finite,
 *   because an honest estimate isn't possible.
 * Returns null for a negative or non-finite amount.
 */
export function hourlyEquivalent(rate: PayRate): Money | null {
  if (!isValidAmount(rate.amount)) return null;
  const currency = normalizeCurrency(rate.currency);
  if (rate.unit === "HOUR") return { amount: Math.round(rate.amount), currency };
  if (rate.unit !== "TASK") return null;
  const minutes = rate.minutesPerTask;
  if (typeof minutes !== "number" || !Number.isFinite(minutes) || minutes <= 0) return null;
  return { amount: Math.round((rate.amount * MINUTES_PER_HOUR) / minutes), currency };
}

export interface FormatMoneyOptions {
  /** BCP 47 locale for formatting; default "en-US". */
  locale?: string;
  /**
   * "auto" (default): drop the fraction when it's zero ($60, but $62.50).
   * "always": always show the minor digits ($60.00).
   */
  fraction?: "auto" | "always";
  /** Suffix appended after the amount, e.g. "/h" or " per task". */
  suffix?: string;
}

/**
 * Format an integer minor-unit amount for display: formatMoney(6000, "USD") -> "$60",
 * formatMoney(6250, "USD") -> "$62.50", formatMoney(2000, "GBP", { suffix: "/h" }) -> "£20/h".
 * Unknown currency codes fall back to "XYZ 12.34".
 */
export function formatMoney(amountMinor: number, currency: string, options: FormatMoneyOptions = {}): string {
  const code = normalizeCurrency(currency);
  const digits = minorUnitDigits(code);
  const major = amountMinor / 10 ** digits;
  const whole = Number.isInteger(major);
  const fractionDigits = options.fraction === "always" || !whole ? digits : 0;
  const suffix = options.suffix ?? "";
  try {
    const text = currencyFormatter(options.locale ?? "en-US", code, fractionDigits).format(major);
    return text + suffix;
  } catch {
    return `${code} ${major.toFixed(fractionDigits)}${suffix}`;
  }
}

/** "$60/h" */
export function formatHourly(money: Money, options: Omit<FormatMoneyOptions, "suffix"> = {}): string {
  return formatMoney(money.amount, money.currency, { ...options, suffix: "/h" });
}

/** "$60/h", "$5 per task (~$30/h)", or "$5 per task" when minutes per task is unknown. */
export function describePay(rate: PayRate, options: Omit<FormatMoneyOptions, "suffix"> = {}): string {
  if (rate.unit === "HOUR") return formatHourly(rate, options);
  const perTask = formatMoney(rate.amount, rate.currency, { ...options, suffix: " per task" });
  const hourly = hourlyEquivalent(rate);
  return hourly ? `${perTask} (~${formatHourly(hourly, options)})` : perTask;
}

/**
 * Is an hourly rate below a pay floor?
 * - true / false when both are known and in the same currency;
 * - null when the hourly rate is unknown or the currencies differ (we don't
 *   convert currencies, so we can't tell).
 */
export function belowFloor(hourly: Money | null, floor: Money): boolean | null {
  if (!hourly || !isValidAmount(hourly.amount) || !isValidAmount(floor.amount)) return null;
  if (normalizeCurrency(hourly.currency) !== normalizeCurrency(floor.currency)) return null;
  return hourly.amount < floor.amount;
}

/**
 * Onboarding time a person puts in before paid work, for `effectiveHourly`.
 * `rate`: what that time is paid per hour (minor units, the same currency); null or 0 = unpaid.
 */
export interface OnboardingTime {
  minutes: number;
  rate?: number | null;
}

/**
 * The effective hourly rate once onboarding time is counted: everything earned over `workHours`
 * of paid work plus the onboarding (assessment, training), divided by all the hours put in.
 *
 *   (nominal × workHours + Σ min(rate, nominal) × minutes / 60) / (workHours + Σ minutes / 60)
 *
 * Onboarding paid above the nominal rate counts at the nominal rate, so the result is never above
 * the nominal rate; with no unpaid or under-paid time it equals it; more unpaid minutes never raise it.
 * Rounded down to a whole minor unit (never flatters the lab). Null when the nominal rate or the
 * hours are unknown (not finite, negative, or no hours at all).
 */
export function effectiveHourly(nominal: Money | null, workHours: number | null, onboarding: readonly OnboardingTime[]): Money | null {
  if (!nominal || !isValidAmount(nominal.amount)) return null;
  if (workHours == null || !Number.isFinite(workHours) || workHours < 0) return null;
  let pay = nominal.amount * workHours;
  let hours = workHours;
  for (const o of onboarding) {
    if (!Number.isFinite(o.minutes) || o.minutes <= 0) continue;
    const h = o.minutes / MINUTES_PER_HOUR;
    const rate = o.rate != null && Number.isFinite(o.rate) && o.rate > 0 ? Math.min(o.rate, nominal.amount) : 0;
    pay += rate * h;
    hours += h;
  }
  if (hours <= 0) return null;
  const amount = hours === workHours && pay === nominal.amount * workHours ? nominal.amount : Math.floor(pay / hours + 1e-6);
  return { amount: Math.min(amount, nominal.amount), currency: normalizeCurrency(nominal.currency) };
}
