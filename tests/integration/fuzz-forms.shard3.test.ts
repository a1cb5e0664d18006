/**
 * Shard 3 of the form fuzzer: the lanes and checks are in fuzz-forms.test.ts; this file runs the
 * lanes of shard 3 (and the URL-parameter block) in a vitest worker of its own (docs/testing.md).
 */
(globalThis as { __fuzzFormsShard?: number }).__fuzzFormsShard = 3;
await import("./fuzz-forms.test");

export {};
