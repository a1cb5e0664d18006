/**
 * The pieces of the form pipeline that need no server: reading language lists as people type
 * them, the gig schema accepting names, parsing a submission the Conform way, and flash cookies.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSubmission } from "~/components/conform";
import { getFlash, setFlash } from "~/flash.server";
import { gigFormToInput, gigInputSchema } from "~/domain/gigs";
import { LANGUAGES, describeLanguages, readLanguages } from "~/domain/languages";
import { creditInputSchema } from "~/domain/profile";

describe("readLanguages", () => {
  it("reads names and codes in any case, with commas, semicolons or spaces between codes", () => {
    expect(readLanguages("English, spanish").map((r) => r.code)).toEqual(["en", "es"]);
    expect(readLanguages("EN es").map((r) => r.code)).toEqual(["en", "es"]);
    expect(readLanguages("american sign language; French").map((r) => r.code)).toEqual(["asl", "fr"]);
    expect(readLanguages(["English", "de"]).map((r) => r.code)).toEqual(["en", "de"]);
    expect(readLanguages("")).toEqual([]);
  });

  it("says what it could not read, and how it read the rest", () => {
    const r = readLanguages("English, Klingon");
    expect(r).toEqual([
      { typed: "English", code: "en" },
      { typed: "Klingon", code: null },
    ]);
    expect(describeLanguages(r)).toBe('English (en), "Klingon" (not recognised)');
  });

  it("every language in the list is read back from its name and from its code (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...LANGUAGES), fc.boolean(), fc.boolean(), (lang, byName, upper) => {
        const typed = byName ? lang.name : lang.code;
        expect(readLanguages(upper ? typed.toUpperCase() : typed.toLowerCase())).toEqual([
          { typed: upper ? typed.toUpperCase() : typed.toLowerCase(), code: lang.code },
        ]);
      }),
    );
  });
});

describe("gig languages", () => {
  it("the form and the API accept names, store codes, and name an unknown value on the languages field", () => {
    const ok = gigInputSchema.safeParse(gigFormToInput({ title: "Rank dialogue", languages: "English, ES" }));
    expect(ok.success && ok.data.languages).toEqual(["en", "es"]);
    expect(gigInputSchema.safeParse({ title: "Rank dialogue", languages: ["Spanish", "pt"] }).data?.languages).toEqual(["es", "pt"]);
    const bad = gigInputSchema.safeParse(gigFormToInput({ title: "Rank dialogue", languages: "Englsh" }));
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["languages", '"Englsh" is not a language we know. Use names like English or codes like en.'],
    ]);
  });
});

describe("parseSubmission (Conform + zod 4)", () => {
  const form = (entries: [string, string][]) => {
    const fd = new FormData();
    for (const [k, v] of entries) fd.append(k, v);
    return fd;
  };
  const base: [string, string][] = [
    ["showTitle", " Harbor Lights "],
    ["format", "DRAMA"],
    ["role", "EDITOR"],
    ["startYear", "2001"],
    ["endYear", ""],
    ["episodes", "12"],
  ];

  it("parses repeated checkboxes into a list and reads strings through the schema's own preprocessors", () => {
    const s = parseSubmission(form([...base, ["genres", "COMEDY"], ["genres", "DRAMA"]]), creditInputSchema(2026));
    expect(s.status).toBe("success");
    if (s.status === "success")
      expect(s.value).toMatchObject({ showTitle: "Harbor Lights", genres: ["COMEDY", "DRAMA"], endYear: null, episodes: 12 });
  });

  it("an error reply keeps the submitted values and names the field", () => {
    const s = parseSubmission(
      form([...base.filter(([k]) => k !== "episodes"), ["genres", "CRIME"], ["_csrf", "token"]]),
      creditInputSchema(2026),
    );
    expect(s.status).toBe("error");
    const reply = s.reply({ hideFields: ["_csrf"] });
    expect(reply.error?.episodes).toEqual(["Enter how many episodes you worked on."]);
    expect(reply.initialValue).toMatchObject({ showTitle: " Harbor Lights ", genres: "CRIME" });
    expect(reply.initialValue).not.toHaveProperty("_csrf");
  });
});

describe("flash messages", () => {
  const withCookie = (setCookie: string) => new Request("http://localhost/", { headers: { cookie: setCookie.split(";")[0] } });

  it("round-trip once: the reader gets the message and a header that clears it", async () => {
    const header = await setFlash(new Request("http://localhost/"), "Credit added.");
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    const { flash, clear } = await getFlash(withCookie(header));
    expect(flash).toEqual({ message: "Credit added." });
    expect(clear).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await getFlash(new Request("http://localhost/"))).toEqual({ flash: null, clear: null });
  });

  it("a forged or altered cookie shows nothing and is cleared", async () => {
    const header = (await setFlash(new Request("http://localhost/"), "Credit added.")).split(";")[0];
    const eq = header.indexOf("=");
    const [name, value] = [header.slice(0, eq), header.slice(eq + 1)];
    const forgedPayload = Buffer.from(JSON.stringify({ message: "Your account is locked, call us" })).toString("base64");
    const signature = decodeURIComponent(value).split(".").pop() ?? "";
    for (const bad of [`${encodeURIComponent(forgedPayload)}.${signature}`, `${value.slice(0, -2)}xx`, "bm90LWpzb24.abc"]) {
      const r = await getFlash(new Request("http://localhost/", { headers: { cookie: `${name}=${bad}` } }));
      expect(r.flash).toBeNull();
    }
  });
});
