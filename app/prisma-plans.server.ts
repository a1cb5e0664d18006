/**
 * Reuse of Prisma's query plans (issue 21, decision 0049).
 *
 * With `engineType = "client"` Prisma 6.19 turns every query into a plan with its WebAssembly query
 * compiler: the request (model, action, arguments, selection, as one JSON string) goes in, a plan (the
 * SQL with its values, how to map the rows) comes out. Nothing is kept, so the same request is compiled
 * again every time: 0.02-2.4 ms each, about 6% of the CPU of a whole test run, and a cost on every
 * Prisma call in production.
 *
 * The plan depends on nothing but the request and the client's schema: generated values (`cuid()`,
 * `now()`, `@updatedAt`) are markers that the executor fills in for each execution, and compiling the
 * same request twice gives the same plan (checked over a whole test run). So each client keeps its last
 * MAX_PLANS plans, keyed by the exact request. A stored plan is never handed out: every caller gets a
 * structured clone (about a tenth of a compile), so nothing the executor or a caller does to a plan, or
 * to a value taken from it, can reach the next query.
 *
 * This wraps `QueryCompiler.prototype.compile` of the runtime module the generated client loads
 * (app/generated/prisma/internal/class.ts). If a Prisma upgrade changes that module, `installPlanCache`
 * throws at start-up with a message saying so, rather than the cache silently doing nothing.
 * tests/integration/prisma-plans.test.ts checks the cache, and that it is installed.
 */
import { QueryCompiler } from "@prisma/client/runtime/query_compiler_bg.postgresql.mjs";

/** Plans kept per client (least recently used first out). */
export const MAX_PLANS = 1_000;
/** Longer requests (a createMany with many rows, say) are compiled every time and not kept. */
const MAX_REQUEST_CHARS = 8_192;

type Compile = (this: object, request: string) => unknown;
interface Installed {
  compile: Compile;
  plans: WeakMap<object, Map<string, unknown>>;
  hits: number;
  misses: number;
}

const MARK = Symbol.for("second-act.prisma-plan-cache");
type Marked = { [MARK]?: Installed; compile?: unknown };

/** Wraps the query compiler once per process (later calls do nothing). */
export function installPlanCache(): void {
  const proto = (QueryCompiler as unknown as { prototype?: Marked } | undefined)?.prototype;
  if (!proto || typeof proto.compile !== "function")
    throw new Error(
      "Prisma's query compiler module has changed (no QueryCompiler.prototype.compile in @prisma/client/runtime/query_compiler_bg.postgresql.mjs): update app/prisma-plans.server.ts for this Prisma version",
    );
  if (proto[MARK]) return;
  const state: Installed = { compile: proto.compile as Compile, plans: new WeakMap(), hits: 0, misses: 0 };
  proto[MARK] = state;
  proto.compile = function compile(this: object, request: string) {
    if (typeof request !== "string" || request.length > MAX_REQUEST_CHARS) return state.compile.call(this, request);
    let plans = state.plans.get(this);
    if (!plans) {
      plans = new Map();
      state.plans.set(this, plans);
    }
    const kept = plans.get(request);
    if (kept !== undefined) {
      state.hits++;
      plans.delete(request);
      plans.set(request, kept);
      return structuredClone(kept);
    }
    state.misses++;
    const plan = state.compile.call(this, request); // a request Prisma rejects throws here and is not kept
    plans.set(request, structuredClone(plan));
    if (plans.size > MAX_PLANS) plans.delete(plans.keys().next().value as string);
    return plan;
  };
}

/** Counts since start-up, for tests and diagnostics; null when the cache is not installed. */
export function planCacheStats(): { hits: number; misses: number } | null {
  const state = (QueryCompiler.prototype as unknown as Marked)[MARK];
  return state ? { hits: state.hits, misses: state.misses } : null;
}
