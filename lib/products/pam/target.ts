import "server-only";
import { createHash, createHmac, pbkdf2 as pbkdf2Callback, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";
import type { TlsMode } from "./vocabulary.ts";

// The databases PAM grants access to, reached with `pg` as the resource's broker login
// (never Prisma: these are someone else's servers). Every identifier and literal in the SQL
// below goes through pg's escaping helpers; nothing is concatenated raw.

export type TargetDatabase = {
  resourceId: string;
  /** Changes when the resource is edited, so a stale pool is not reused. */
  version: number;
  host: string;
  port: number;
  database: string;
  tlsMode: TlsMode;
  /** PEM certificates to verify the database against (VERIFY_FULL); null: the system's CAs. */
  caCertificate: string | null;
  user: string;
  password: string;
};

/** A connection of a login role, as pg_stat_activity shows it to the broker. */
export type ObservedSession = { loginRole: string; pid: number; backendStart: Date; clientAddress: string | null };

const CONNECT_TIMEOUT_MS = 5_000;
const STATEMENT_TIMEOUT_MS = 10_000;
/** A resource's pool closes its connections after this long unused. */
const IDLE_MS = 10_000;
/** Pools kept at once; the least recently used is closed to make room (a Map keeps insertion order). */
const MAX_POOLS = 8;

const pools = new Map<string, { version: number; pool: pg.Pool }>();

function tlsOptions(target: TargetDatabase): pg.PoolConfig["ssl"] {
  if (target.tlsMode === "DISABLE") return false;
  if (target.tlsMode === "REQUIRE") return { rejectUnauthorized: false };
  // pg sets the name to check (SNI for a host name, the address itself for an IP).
  return { rejectUnauthorized: true, ...(target.caCertificate ? { ca: target.caCertificate } : {}) };
}

/** A small pool per resource, closed when idle; replaced when the resource changes. */
function poolFor(target: TargetDatabase): pg.Pool {
  const current = pools.get(target.resourceId);
  pools.delete(target.resourceId);
  if (current?.version === target.version) {
    pools.set(target.resourceId, current);
    return current.pool;
  }
  if (current) void current.pool.end().catch(() => undefined);
  for (const [resourceId, oldest] of pools) {
    if (pools.size < MAX_POOLS) break;
    pools.delete(resourceId);
    void oldest.pool.end().catch(() => undefined);
  }
  const pool = new pg.Pool({
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    password: target.password,
    ssl: tlsOptions(target),
    max: 2,
    idleTimeoutMillis: IDLE_MS,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    allowExitOnIdle: true,
    application_name: "tessera-pam",
  });
  // An idle connection the target drops (a restart) must not take this process down.
  pool.on("error", () => undefined);
  pools.set(target.resourceId, { version: target.version, pool });
  return pool;
}

export async function closeTargetPool(resourceId: string): Promise<void> {
  const current = pools.get(resourceId);
  pools.delete(resourceId);
  await current?.pool.end().catch(() => undefined);
}

/** The form field a failure to reach the database is about, and what it says (no secrets). */
export type ConnectionFailure = { field: "host" | "database" | "brokerUser" | "brokerPassword" | "tlsMode" | "caCertificate"; message: string };

export function describeConnectionError(error: unknown): ConnectionFailure {
  const failure = error as { code?: string; message?: string };
  const message = failure.message ?? String(error);
  switch (failure.code) {
    case "ECONNREFUSED":
      return { field: "host", message: "Nothing answers at that host and port." };
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return { field: "host", message: "The host name does not resolve." };
    case "28P01":
      return { field: "brokerPassword", message: "The broker's user name or password is wrong." };
    case "28000":
      return { field: "brokerUser", message: "The database refuses the broker (no pg_hba.conf entry for it, or it may not log in)." };
    case "3D000":
      return { field: "database", message: "That database does not exist on the server." };
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return { field: "host", message: `The database's certificate is not for this host name: ${message}` };
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
    case "CERT_HAS_EXPIRED":
      return {
        field: "caCertificate",
        message: `The database's certificate does not verify against the CA certificate given (or the system's CAs): ${message}`,
      };
    default:
      if (/timeout/i.test(message)) return { field: "host", message: "The database did not answer within 5 seconds." };
      if (/SSL/i.test(message)) return { field: "tlsMode", message: `TLS failed: ${message}` };
      return { field: "host", message: `The database refused: ${message}` };
  }
}

/** Thrown when the broker cannot reach or log in to the database. */
export class TargetUnreachableError extends Error {
  constructor(readonly failure: ConnectionFailure) {
    super(failure.message);
    this.name = "TargetUnreachableError";
  }
}

async function withBroker<T>(target: TargetDatabase, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await poolFor(target).connect();
  } catch (error) {
    throw new TargetUnreachableError(describeConnectionError(error));
  }
  try {
    return await work(client);
  } finally {
    client.release();
  }
}

/**
 * Logs in as the broker and lists what is missing for PAM to work: each problem in words,
 * none when all is well. The target roles are the resource's accounts. Throws
 * TargetUnreachableError when it cannot log in at all.
 */
export async function checkTarget(target: TargetDatabase, accountRoles: readonly string[]): Promise<string[]> {
  return withBroker(target, async (client) => {
    const problems: string[] = [];
    const { rows } = await client.query<{ rolsuper: boolean; rolcreaterole: boolean; can_signal: boolean }>(
      `SELECT r.rolsuper, r.rolcreaterole, pg_has_role(current_user, 'pg_signal_backend', 'USAGE') AS can_signal
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    const broker = rows[0]!;
    if (broker.rolsuper) problems.push("The broker is a superuser: give Tessera a login with only CREATEROLE.");
    else if (!broker.rolcreaterole) problems.push("The broker lacks CREATEROLE, so it cannot make login roles.");
    if (!broker.rolsuper && !broker.can_signal) problems.push("The broker cannot end sessions: grant it pg_signal_backend.");
    for (const problem of await accountProblems(client, accountRoles)) problems.push(problem);
    return problems;
  });
}

async function accountProblems(client: pg.PoolClient, roles: readonly string[]): Promise<string[]> {
  if (roles.length === 0) return [];
  const { rows } = await client.query<{ name: string; exists: boolean; admin: boolean }>(
    `SELECT wanted.name, r.oid IS NOT NULL AS exists,
            r.oid IS NOT NULL AND pg_has_role(current_user, r.oid, 'MEMBER WITH ADMIN OPTION') AS admin
       FROM unnest($1::text[]) AS wanted(name) LEFT JOIN pg_roles r ON r.rolname = wanted.name`,
    [roles],
  );
  return rows.flatMap((row) =>
    !row.exists
      ? [`The role ${pg.escapeIdentifier(row.name)} does not exist on this database.`]
      : !row.admin
        ? [`The broker has no admin option on ${pg.escapeIdentifier(row.name)}: GRANT ${pg.escapeIdentifier(row.name)} TO the broker WITH ADMIN OPTION.`]
        : [],
  );
}

/** Whether the broker can hand out this role (it exists and the broker holds it with admin option); a problem in words if not. */
export async function checkAccountRole(target: TargetDatabase, role: string): Promise<string | null> {
  return (await withBroker(target, (client) => accountProblems(client, [role])))[0] ?? null;
}

const pbkdf2 = promisify(pbkdf2Callback);

/**
 * A SCRAM-SHA-256 verifier for the password (RFC 5802/7677), which PostgreSQL stores as
 * given: the clear password never travels to the database, so it cannot land in its logs.
 * Its 4,096 PBKDF2 rounds (~4 ms) run on libuv's pool, not on the thread serving requests.
 */
export async function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): Promise<string> {
  const salted = await pbkdf2(password, salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

/** A random name for a grant's login role: lower case, so no quoting surprises in clients. */
export function newLoginRoleName(): string {
  return `tessera_${randomBytes(8).toString("hex")}`;
}

export function newLoginPassword(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * Creates the grant's login role: member of the account's role, usable until `validUntil`.
 * `passwordVerifier` is a promise so its hashing overlaps whatever the caller does meanwhile.
 */
export async function createLoginRole(
  target: TargetDatabase,
  grant: { loginRole: string; passwordVerifier: Promise<string>; accountRole: string; validUntil: Date; connectionLimit: number },
): Promise<void> {
  const verifier = await grant.passwordVerifier;
  await withBroker(target, (client) =>
    client.query(
      `CREATE ROLE ${pg.escapeIdentifier(grant.loginRole)} LOGIN PASSWORD ${pg.escapeLiteral(verifier)}` +
        ` VALID UNTIL ${pg.escapeLiteral(grant.validUntil.toISOString())} CONNECTION LIMIT ${Math.trunc(grant.connectionLimit)}` +
        ` IN ROLE ${pg.escapeIdentifier(grant.accountRole)}`,
    ),
  );
}

/**
 * Takes a grant's access away: no new logins, every live connection ended, the role dropped.
 * Idempotent (a role already gone is fine), so the sweep may retry it. Returns the sessions
 * it ended.
 */
export async function dropLoginRole(target: TargetDatabase, loginRole: string): Promise<ObservedSession[]> {
  return withBroker(target, async (client) => {
    const exists = await client.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [loginRole]);
    if (exists.rowCount === 0) return [];
    await client.query(`ALTER ROLE ${pg.escapeIdentifier(loginRole)} NOLOGIN`);
    const ended = await client.query<{ pid: number; backend_start: Date; client_addr: string | null }>(
      `SELECT pid, backend_start, client_addr::text AS client_addr FROM pg_stat_activity WHERE usename = $1`,
      [loginRole],
    );
    // Signalled in a statement of their own: in one with the filter above, the planner may
    // call pg_terminate_backend on other rows first (a superuser's backend: refused).
    await client.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [ended.rows.map((row) => row.pid)]);
    // A terminated backend takes a moment to go; DROP ROLE fails while it still exists.
    for (let attempt = 0; ; attempt++) {
      const left = await client.query(`SELECT 1 FROM pg_stat_activity WHERE usename = $1`, [loginRole]);
      if (left.rowCount === 0 || attempt >= 50) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await client.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(loginRole)}`);
    return ended.rows.map((row) => ({ loginRole, pid: row.pid, backendStart: row.backend_start, clientAddress: row.client_addr }));
  });
}

/** The live connections of these login roles, as the broker sees them. */
export async function observeSessions(target: TargetDatabase, loginRoles: readonly string[]): Promise<ObservedSession[]> {
  if (loginRoles.length === 0) return [];
  return withBroker(target, async (client) => {
    const { rows } = await client.query<{ usename: string; pid: number; backend_start: Date; client_addr: string | null }>(
      `SELECT usename, pid, backend_start, client_addr::text AS client_addr FROM pg_stat_activity WHERE usename = ANY($1::text[])`,
      [loginRoles],
    );
    return rows.map((row) => ({ loginRole: row.usename, pid: row.pid, backendStart: row.backend_start, clientAddress: row.client_addr }));
  });
}
