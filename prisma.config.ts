import path from "node:path";
import { defineConfig } from "prisma/config";
import { migrationAdapter } from "./prisma/migrate-adapter";

const PLACEHOLDER_URL = "postgresql://postgres:postgres@127.0.0.1:5433/second_act";
process.env.DATABASE_URL ??= PLACEHOLDER_URL;

// The Prisma CLI runs its schema engine as WASM through a driver adapter: nothing is
// downloaded. DATABASE_URL is provided by scripts/prisma.ts (embedded PostgreSQL) or by you.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    // `prisma generate` loads this config without a database: a placeholder keeps it offline
    // (if loading the config fails, the CLI falls back to downloading a native engine).
    return migrationAdapter(process.env.DATABASE_URL ?? PLACEHOLDER_URL);
  },
});
