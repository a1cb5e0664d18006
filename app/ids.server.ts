/**
 * Row ids in the format of Prisma's `@default(cuid())` (cuid v1: "c", then base-36 time,
 * counter, host fingerprint and random blocks; 25 characters), for rows written by one raw
 * statement (app/services/applications.server.ts: an application and everything it writes) where
 * Prisma does not fill the default. Unique across processes: the time, a per-process counter, the
 * process's fingerprint and 41 random bits.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";

const BASE = 36;
const BLOCK = 4;
const DISCRETE = BASE ** BLOCK;
const pad = (s: string, size: number) => s.padStart(size, "0").slice(-size);

let counter = randomBytes(4).readUInt32BE() % DISCRETE;
const fingerprint = (() => {
  const pid = pad(process.pid.toString(BASE), 2);
  const host = os.hostname();
  let sum = host.length + BASE;
  for (let i = 0; i < host.length; i++) sum += host.charCodeAt(i);
  return pid + pad(sum.toString(BASE), 2);
})();

// Random bytes are taken from a buffer filled 1 KB at a time (one call for 128 blocks instead of one each).
let pool = randomBytes(1024);
let at = 0;
function randomBlock() {
  if (at + 4 > pool.length) {
    pool = randomBytes(1024);
    at = 0;
  }
  const n = pool.readUInt32BE(at);
  at += 4;
  return pad((n % DISCRETE).toString(BASE), BLOCK);
}

/** A new cuid ("c" + 24 lowercase base-36 characters). */
export function newId(): string {
  counter = counter < DISCRETE - 1 ? counter + 1 : 0;
  return `c${pad(Date.now().toString(BASE), 8)}${pad(counter.toString(BASE), BLOCK)}${fingerprint}${randomBlock()}${randomBlock()}`;
}
