/**
 * Shard 2 of the form fuzzer: the lanes and checks are in fuzz-forms.test.ts; this file runs the
 * lanes of shard 2 (and the stored-XSS block) in a vitest worker of its own (docs/testing.md).
 */
(globalThis as { __fuzzFormsShard?: number }).__fuzzFormsShard = 2;
await import("./fuzz-forms.test");

export {};
