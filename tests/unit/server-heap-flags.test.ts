/** server/cluster.ts: web workers get the young-generation size of decision 0038, unless one was given. */
import { afterEach, describe, expect, it } from "vitest";
import { SERVER_HEAP_FLAGS, withServerHeapFlags } from "../../server/cluster";

const saved = process.env.NODE_OPTIONS;
afterEach(() => {
  if (saved === undefined) delete process.env.NODE_OPTIONS;
  else process.env.NODE_OPTIONS = saved;
});

describe("withServerHeapFlags", () => {
  it("adds the semi-space flag after the given arguments", () => {
    delete process.env.NODE_OPTIONS;
    expect(SERVER_HEAP_FLAGS).toEqual(["--max-semi-space-size=64"]);
    expect(withServerHeapFlags(["--import", "tsx"])).toEqual(["--import", "tsx", "--max-semi-space-size=64"]);
  });

  it("keeps a size given on the command line or in NODE_OPTIONS, and does not add a second one", () => {
    delete process.env.NODE_OPTIONS;
    expect(withServerHeapFlags(["--max-semi-space-size=8"])).toEqual(["--max-semi-space-size=8"]);
    expect(withServerHeapFlags(withServerHeapFlags([]))).toEqual(["--max-semi-space-size=64"]);
    process.env.NODE_OPTIONS = "--enable-source-maps --max-semi-space-size=32";
    expect(withServerHeapFlags(["--import", "tsx"])).toEqual(["--import", "tsx"]);
  });
});
