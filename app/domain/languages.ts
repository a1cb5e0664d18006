/** Languages: the list offered in forms, and reading what people type (names or codes). Pure. */

/** ISO 639-1 codes offered in the editor. */
export const LANGUAGES: readonly { code: string; name: string }[] = [
  { code: "en", name: "English" },
  { code: "es", name: "Spanish" },
  { code: "fr", name: "French" },
  { code: "de", name: "German" },
  { code: "it", name: "Italian" },
  { code: "pt", name: "Portuguese" },
  { code: "nl", name: "Dutch" },
  { code: "sv", name: "Swedish" },
  { code: "da", name: "Danish" },
  { code: "no", name: "Norwegian" },
  { code: "fi", name: "Finnish" },
  { code: "pl", name: "Polish" },
  { code: "cs", name: "Czech" },
  { code: "hu", name: "Hungarian" },
  { code: "ro", name: "Romanian" },
  { code: "el", name: "Greek" },
  { code: "tr", name: "Turkish" },
  { code: "ru", name: "Russian" },
  { code: "uk", name: "Ukrainian" },
  { code: "ar", name: "Arabic" },
  { code: "he", name: "Hebrew" },
  { code: "fa", name: "Persian" },
  { code: "hi", name: "Hindi" },
  { code: "ur", name: "Urdu" },
  { code: "bn", name: "Bengali" },
  { code: "pa", name: "Punjabi" },
  { code: "ta", name: "Tamil" },
  { code: "te", name: "Telugu" },
  { code: "zh", name: "Chinese" },
  { code: "ja", name: "Japanese" },
  { code: "ko", name: "Korean" },
  { code: "vi", name: "Vietnamese" },
  { code: "th", name: "Thai" },
  { code: "id", name: "Indonesian" },
  { code: "ms", name: "Malay" },
  { code: "tl", name: "Tagalog" },
  { code: "sw", name: "Swahili" },
  { code: "yo", name: "Yoruba" },
  { code: "zu", name: "Zulu" },
  { code: "af", name: "Afrikaans" },
  { code: "ga", name: "Irish" },
  { code: "cy", name: "Welsh" },
  { code: "ca", name: "Catalan" },
  { code: "eu", name: "Basque" },
  { code: "gl", name: "Galician" },
  { code: "is", name: "Icelandic" },
  { code: "sq", name: "Albanian" },
  { code: "sr", name: "Serbian" },
  { code: "hr", name: "Croatian" },
  { code: "bg", name: "Bulgarian" },
  { code: "sk", name: "Slovak" },
  { code: "sl", name: "Slovenian" },
  { code: "lt", name: "Lithuanian" },
  { code: "lv", name: "Latvian" },
  { code: "et", name: "Estonian" },
  { code: "asl", name: "American Sign Language" },
  { code: "bsl", name: "British Sign Language" },
];
export const LANGUAGE_CODES = new Set(LANGUAGES.map((l) => l.code));
export function languageName(code: string): string {
  return LANGUAGES.find((l) => l.code === code)?.name ?? code;
}

const LANGUAGE_BY_NAME = new Map(LANGUAGES.map((l) => [l.name.toLowerCase(), l.code]));

export interface LanguageReading {
  /** What the person typed for this language. */
  typed: string;
  /** The code it was read as, or null when it is not a language we know. */
  code: string | null;
}

/**
 * Reads what people type for a list of languages: names or codes, any case, separated by commas,
 * semicolons, new lines or (for codes) spaces: "English, spanish", "en es", "American Sign Language".
 * A 2-3 letter code outside the list is kept as a code; anything else is unknown (code null).
 */
export function readLanguages(input: string | readonly string[]): LanguageReading[] {
  const chunks = (typeof input === "string" ? [input] : input)
    .flatMap((s) => String(s).split(/[,;\n]+/))
    .map((s) => s.trim())
    .filter(Boolean);
  const out: LanguageReading[] = [];
  const one = (typed: string): string | null => {
    const lower = typed.toLowerCase().replace(/\s+/g, " ");
    if (LANGUAGE_CODES.has(lower)) return lower;
    const byName = LANGUAGE_BY_NAME.get(lower);
    if (byName) return byName;
    return /^[a-z]{2,3}$/.test(lower) ? lower : null;
  };
  for (const chunk of chunks) {
    const whole = one(chunk);
    if (whole || !/\s/.test(chunk)) {
      out.push({ typed: chunk, code: whole });
      continue;
    }
    for (const word of chunk.split(/\s+/)) out.push({ typed: word, code: one(word) });
  }
  return out;
}

/** "English (en), Spanish (es)": how a language list was read, for showing back to the person. */
export function describeLanguages(readings: readonly LanguageReading[]): string {
  return readings.map((r) => (r.code ? `${languageName(r.code)} (${r.code})` : `"${r.typed}" (not recognised)`)).join(", ");
}
