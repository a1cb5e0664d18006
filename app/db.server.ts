/** The Prisma client: one per process, talking to PostgreSQL through @prisma/adapter-pg. */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const g = globalThis as unknown as { __secondActDb?: PrismaClient };

export function createDb(url: string, max = 10) {
  const adapter = new PrismaPg({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  if (!g.__secondActDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`");
    g.__secondActDb = createDb(url);
  }
  return g.__secondActDb;
}

export async function disconnectDb() {
  await g.__secondActDb?.$disconnect();
  g.__secondActDb = undefined;
}
