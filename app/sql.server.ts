/**
 * Reads on the bare `pg` pool that Prisma's adapter also uses (decision 0032): for the statements
 * every signed-in page sends, Prisma's client runtime and its WebAssembly query compiler cost more
 * node CPU than the statement itself (docs/perf/data.md). Same SQL as `$queryRaw`, same values out:
 *
 * - `timestamp` (without time zone, how Prisma stores DateTime) is read as UTC, `date` as UTC
 *   midnight, arrays of them alike; `timestamptz` as pg reads it;
 * - `bigint` (e.g. `count(*)` without a cast) as a JavaScript bigint, as `$queryRaw` gives;
 * - arrays of enums as string arrays (`$queryRaw` gives their text, "{A,B}"; pg does not know their
 *   type ids, so they are looked up once per pool: an enum added by a migration while the server
 *   runs is read as text until it restarts);
 * - json/jsonb parsed; Date parameters sent as ISO (UTC) text, so they compare with stored UTC.
 *
 * A lost or refused connection becomes `DatabaseUnavailableError` (a 503), as for Prisma queries.
 * Reads only: writes and transactions stay on Prisma (`db().$transaction`).
 * tests/integration/sql.test.ts checks each decoding against `$queryRaw` on the same rows.
 */
import pg from "pg";
import { DatabaseUnavailableError, db, isConnectionError, poolOf } from "./db.server";

/** A statement with its parameters, made by the `sql` tag (values never enter the SQL text). */
export interface Statement {
  readonly text: string;
  readonly values: unknown[];
}

const TEXT_ARRAY = pg.types.getTypeParser(1009 as never) as (s: string) => (string | null)[];
const utc = (s: string) =>
  s === "infinity" || s === "-infinity" ? new Date(s === "infinity" ? 8.64e15 : -8.64e15) : new Date(`${s.replace(" ", "T")}Z`);
const utcDay = (s: string) => new Date(`${s}T00:00:00.000Z`);
const arrayOf = (one: (s: string) => unknown) => (s: string) => TEXT_ARRAY(s).map((v) => (v === null ? null : one(v)));

const FIXED: Record<number, (s: string) => unknown> = {
  20: (s) => BigInt(s), // int8
  1016: arrayOf((s) => BigInt(s)), // int8[]
  1114: utc, // timestamp
  1115: arrayOf(utc), // timestamp[]
  1082: utcDay, // date
  1182: arrayOf(utcDay), // date[]
};

/** Per pool: the type ids of the schema's enum arrays (read once, on the first statement). */
const enumArrays = new WeakMap<pg.Pool, Promise<Set<number>>>();

function enumArrayIds(pool: pg.Pool): Promise<Set<number>> {
  let ids = enumArrays.get(pool);
  if (!ids) {
    ids = pool
      .query<{ oid: number }>(`SELECT typarray::int AS oid FROM pg_type WHERE typtype = 'e' AND typarray <> 0`)
      .then((r) => new Set(r.rows.map((row) => row.oid)));
    ids.catch(() => enumArrays.delete(pool));
    enumArrays.set(pool, ids);
  }
  return ids;
}

function typesFor(enumArrayOids: Set<number>) {
  return {
    getTypeParser(oid: number, format?: string) {
      if (format === "binary") return pg.types.getTypeParser(oid as never, "binary" as never);
      const fixed = FIXED[oid];
      if (fixed) return fixed;
      if (enumArrayOids.has(oid)) return TEXT_ARRAY;
      return pg.types.getTypeParser(oid as never);
    },
  } as unknown as pg.CustomTypesConfig;
}

const typeConfigs = new WeakMap<Set<number>, pg.CustomTypesConfig>();

function param(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(param);
  return v;
}

/**
 * Each distinct statement text gets a name, so every pooled connection parses and plans it once and
 * then only binds and executes it (PostgreSQL's extended protocol; pg keeps the names per connection).
 * Under load this halved PostgreSQL's CPU per statement (docs/perf/data.md, round 6). The texts come
 * from the `sql` tag's fixed template strings, so there are few; past MAX_NAMED distinct texts (a
 * statement built from varying pieces) the rest run unnamed, as before.
 */
// On globalThis, like the pools (db.server.ts): a process that loads this module twice (the test
// runner does) shares one pool, so it must share one name per text.
const shared = globalThis as { __saStatementNames?: { names: Map<string, string>; count: number } };
shared.__saStatementNames ??= { names: new Map(), count: 0 };
const statementNames = shared.__saStatementNames;
const names = statementNames.names;
const MAX_NAMED = 500;
function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `sa_${++statementNames.count}`;
    names.set(text, name);
  }
  return name;
}

const isChangedResultType = (e: unknown) =>
  (e as { code?: string }).code === "0A000" && /cached plan must not change result type/.test(String((e as Error).message));

/**
 * A constant piece of SQL written in the source (a column list, a JSON shape shared by several
 * statements): `sql` splices it into the text where it appears among the values. Never build one
 * from a value that comes from a request; values go in as they are, and become parameters.
 */
export class SqlText {
  constructor(readonly text: string) {}
}

/** `sql\`SELECT ... WHERE id = ${id}\``: the text with $1, $2... and the values beside it (SqlText pieces spliced). */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Statement {
  let text = strings[0];
  const params: unknown[] = [];
  for (let i = 1; i < strings.length; i++) {
    const v = values[i - 1];
    if (v instanceof SqlText) text += v.text;
    else {
      params.push(param(v));
      text += `$${params.length}`;
    }
    text += strings[i];
  }
  return { text, values: params };
}

/** Runs one read on the app's pool and returns its rows. */
export async function rows<Row>(statement: Statement, pool: pg.Pool = poolOf(db())): Promise<Row[]> {
  try {
    const ids = await enumArrayIds(pool);
    let types = typeConfigs.get(ids);
    if (!types) {
      types = typesFor(ids);
      typeConfigs.set(ids, types);
    }
    const run = () =>
      pool.query<Row & pg.QueryResultRow>({ name: nameOf(statement.text), text: statement.text, values: statement.values, types });
    try {
      return (await run()).rows;
    } catch (e) {
      // A migration changed a table a prepared `SELECT t.*` reads while the server runs: PostgreSQL
      // refuses the old plan on every connection that prepared it. Give the text a new name, so each
      // connection prepares it afresh against the new table, and run it once more.
      if (!isChangedResultType(e)) throw e;
      names.delete(statement.text);
      return (await run()).rows;
    }
  } catch (e) {
    if (isConnectionError(e) && !(e instanceof DatabaseUnavailableError)) throw new DatabaseUnavailableError(e);
    throw e;
  }
}

/** The first row, or null. */
export async function row<Row>(statement: Statement, pool?: pg.Pool): Promise<Row | null> {
  return (await rows<Row>(statement, pool))[0] ?? null;
}
