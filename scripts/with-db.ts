// `npm run db -- migrate dev`: runs the Prisma CLI (or any command) against the embedded
// PostgreSQL, started for the occasion, unless DATABASE_URL names another server.
import { mkdirSync } from "node:fs";
import { startEmbeddedPostgres } from "./lib/embedded-postgres.ts";
import { bin, run } from "./lib/run.ts";
import { embeddedPaths, stateDir } from "./lib/state-dir.ts";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("Usage: tsx scripts/with-db.ts <command> [args…]");
  process.exit(2);
}

let databaseUrl = process.env.DATABASE_URL;
mkdirSync(stateDir(), { recursive: true });
const cluster = databaseUrl ? undefined : await startEmbeddedPostgres(embeddedPaths());
if (cluster) {
  await cluster.ensureDatabase("tessera");
  databaseUrl = cluster.urlFor("tessera");
}
const executable = command === "prisma" ? bin("prisma") : command;
const code = await run(executable, args, { env: { ...process.env, DATABASE_URL: databaseUrl } });
await cluster?.stop();
process.exit(code);
