/** The part of Prisma's query compiler runtime module that app/prisma-plans.server.ts wraps (it ships no types). */
declare module "@prisma/client/runtime/query_compiler_bg.postgresql.mjs" {
  export class QueryCompiler {
    compile(request: string): unknown;
  }
}
