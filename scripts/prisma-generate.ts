// Runs on `npm install`. Prisma 6 reads the schema's env("DATABASE_URL") even to generate
// the client and, without it, tries to download an engine we cannot fetch; generating
// never connects, so a placeholder is enough.
import { bin, runOrThrow } from "./lib/run.ts";

await runOrThrow(bin("prisma"), ["generate"], {
  env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://generate@localhost/placeholder" },
});
