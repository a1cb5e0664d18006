/**
 * Professional profiles (pure, no I/O, no clock: callers pass `currentYear`; safe to import in the browser).
 * One module per concern; import from "~/domain/profile" (this index):
 *   credits.ts       credit limits, the credit form schema, role options, the identity of an imported row
 *   editor.ts        the profile schema and the editor's flat form fields, working languages
 *   completeness.ts  the completeness meter
 *   reference.ts     language levels, currencies, visibility, self-identification choices, time zones
 *   csv-format.ts    the credits CSV columns, limits, template and result types
 * The CSV parser (papaparse) is NOT re-exported: import it from "~/domain/profile/csv.server" (server code only).
 */
export * from "./completeness";
export * from "./credits";
export * from "./csv-format";
export * from "./editor";
export * from "./reference";
