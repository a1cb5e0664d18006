/**
 * The order vitest starts test files in: longest first, so that neither worker is left with a long
 * file at the end of the run (docs/testing.md). vitest's own order uses the durations of the last
 * run in .cache/vite, and on a fresh clone (CI) falls back to file size, which put e2e/layout
 * (124 s, 23 KB) behind dozens of short files. Here a file's weight is, in this order: its
 * duration in the last run on this clone, the expected duration below (measured in a full CI run),
 * or its size (about 1 s per 5 KB).
 *
 * On a machine where the run will install Chromium first (about a minute of apt-get in the
 * background, tests/setup/chromium.ts), the browser test files wait until other files worth
 * INSTALL_COVER of work have been started, so neither worker sits waiting for the browser.
 */
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { lookupChromium, machineFacts } from "../../scripts/lib/chromium";

/** Seconds per file in the last measured full run (the files over ~15 s; docs/testing.md). */
const EXPECTED: Record<string, number> = {
  "tests/integration/fuzz-forms.test.ts": 105,
  "tests/integration/fuzz-forms.shard2.test.ts": 105,
  "tests/integration/fuzz-forms.shard3.test.ts": 105,
  "tests/e2e/layout.test.ts": 125,
  "tests/integration/fuzz-api.test.ts": 91,
  "tests/integration/authz-matrix.test.ts": 65,
  "tests/integration/matching.test.ts": 49,
  "tests/e2e/journey-professional.test.ts": 39,
  "tests/e2e/import.test.ts": 38,
  "tests/e2e/forms.test.ts": 35,
  "tests/e2e/journey-coordinator.test.ts": 32,
  "tests/e2e/forms-coord.test.ts": 29,
  "tests/e2e/forms-account.test.ts": 29,
  "tests/e2e/forms-lab.test.ts": 27,
  "tests/integration/faults-kill.test.ts": 27,
  "tests/e2e/terms.test.ts": 25,
  "tests/e2e/journey-board.test.ts": 25,
  "tests/e2e/work-journey.test.ts": 23,
  "tests/e2e/search.test.ts": 23,
  "tests/integration/onboarding-journey.test.ts": 19,
};

/** Seconds of other files' work (both workers together) started before a browser test file when Chromium is being installed. */
export const INSTALL_COVER = 150;

/**
 * Pure: files longest first; with `browserLater`, the browser test files (those `isBrowser` says
 * are) go behind the longest other files until those add up to `cover` milliseconds.
 */
export function longestFirst<T>(
  files: T[],
  weight: (f: T) => number,
  isBrowser: (f: T) => boolean,
  browserLater: boolean,
  cover = INSTALL_COVER * 1000,
): T[] {
  const sorted = [...files].sort((a, b) => weight(b) - weight(a));
  if (!browserLater) return sorted;
  const head: T[] = [];
  let covered = 0;
  for (const f of sorted) {
    if (covered >= cover) break;
    if (isBrowser(f)) continue;
    head.push(f);
    covered += weight(f);
  }
  const inHead = new Set(head);
  return [...head, ...sorted.filter((f) => !inHead.has(f))];
}

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const weight = (f: TestSpecification) => {
      const rel = path.relative(config.root, f.moduleId).split(path.sep).join("/");
      const key = `${f.project.name}:${rel}`;
      const last = cache.getFileTestResults(key)?.duration;
      if (last !== undefined) return last;
      if (rel in EXPECTED) return EXPECTED[rel] * 1000;
      return (cache.getFileStats(key)?.size ?? 0) / 5;
    };
    const weights = new Map(files.map((f) => [f, weight(f)]));
    const installing = "install" in lookupChromium(machineFacts());
    return longestFirst(
      files,
      (f) => weights.get(f)!,
      (f) => f.project.name === "e2e",
      installing,
    );
  }
}
