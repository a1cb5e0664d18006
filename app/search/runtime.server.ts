/** The process's search runtime (engine + recall), set by the app runtime once the index is built. */
import type { Gig } from "~/generated/prisma/client";
import type { MatchPerson } from "~/domain/matching";

export interface SearchRuntime {
  ready: boolean;
  recallPeople(gig: Gig, opts: { limit: number; labVisibleOnly: boolean }): Promise<string[]>;
  recallGigs(person: MatchPerson, opts: { limit: number }): Promise<string[]>;
}

const g = globalThis as unknown as { __secondActSearch?: SearchRuntime };

export function searchRuntime(): SearchRuntime | undefined {
  return g.__secondActSearch;
}

export function setSearchRuntime(rt: SearchRuntime | undefined) {
  g.__secondActSearch = rt;
}
