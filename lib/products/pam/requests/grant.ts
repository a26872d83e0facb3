import "server-only";
import { recordProjectEvent } from "../../../platform/audit/record-audit-event.ts";
import { type ProjectAccess } from "../../../platform/authz/project-access.ts";
import { type RawTx } from "../../../platform/db.ts";
import { RefusedError } from "../../../platform/errors.ts";
import { sealWithDataKey } from "../../../platform/kms/row-sealing.ts";
import { resourceWithDataKey, targetWith } from "../resources.ts";
import { CA_FILE } from "../vocabulary.ts";
import { createLoginRole, newLoginPassword, newLoginRoleName, scramVerifier, TargetUnreachableError } from "../target.ts";

const MINUTE_MS = 60_000;
/** A grant's login role may hold this many connections at once. */
const CONNECTION_LIMIT = 5;
/** Creating a login role waits on someone else's database: allow for its connect timeout. */
export const GRANT_TX = { timeout: 30_000, maxWait: 10_000 } as const;

export type GrantedCredentials = {
  loginRole: string;
  password: string;
  host: string;
  port: number;
  database: string;
  sslMode: string;
  /** The CA to save as CA_FILE for a verified connection to a database with its own CA. */
  caCertificate: string | null;
  expiresAt: Date;
  /** `psql` with the password in PGPASSWORD, and the same as a URL. */
  psqlCommand: string;
  url: string;
};

export function credentialsFor(
  resource: { host: string; port: number; database: string; tlsMode: string; caCertificate: string | null },
  loginRole: string,
  password: string,
  expiresAt: Date,
): GrantedCredentials {
  const sslMode = resource.tlsMode === "DISABLE" ? "disable" : resource.tlsMode === "REQUIRE" ? "require" : "verify-full";
  // libpq verifies against ~/.postgresql/root.crt unless told: the resource's own CA (saved
  // by the requester as CA_FILE) or, since PostgreSQL 16, the system's CAs.
  const rootCert = sslMode !== "verify-full" ? "" : resource.caCertificate ? `sslrootcert=${CA_FILE}` : "sslrootcert=system";
  const host = resource.host.includes(":") ? `[${resource.host}]` : resource.host;
  const url = `postgresql://${encodeURIComponent(loginRole)}:${encodeURIComponent(password)}@${host}:${resource.port}/${encodeURIComponent(resource.database)}?sslmode=${sslMode}${rootCert ? `&${rootCert}` : ""}`;
  const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
  const psqlCommand = `PGPASSWORD=${quote(password)} psql ${quote(`host=${resource.host} port=${resource.port} dbname=${resource.database} user=${loginRole} sslmode=${sslMode}${rootCert ? ` ${rootCert}` : ""}`)}`;
  const caCertificate = sslMode === "verify-full" ? resource.caCertificate : null;
  return { loginRole, password, host: resource.host, port: resource.port, database: resource.database, sslMode, caCertificate, expiresAt, psqlCommand, url };
}

type GrantInput = { requestId: string; accountId: string; accountRole: string; resourceId: string; durationMinutes: number };

/** Makes the login role on the database and records the grant on the (locked) request row. */
export async function grant(tx: RawTx, access: ProjectAccess, request: GrantInput, keepPassword: boolean): Promise<GrantedCredentials> {
  const loginRole = newLoginRoleName();
  const password = newLoginPassword();
  // Hashed while the resource and its broker are read.
  const passwordVerifier = scramVerifier(password);
  passwordVerifier.catch(() => undefined);
  const { resource, sealedDataKey } = await resourceWithDataKey(tx, access.project.id, request.resourceId);
  const grantedAt = new Date();
  const expiresAt = new Date(grantedAt.getTime() + request.durationMinutes * MINUTE_MS);
  try {
    await createLoginRole(targetWith(resource, sealedDataKey), {
      loginRole,
      passwordVerifier,
      accountRole: request.accountRole,
      validUntil: expiresAt,
      connectionLimit: CONNECTION_LIMIT,
    });
  } catch (error) {
    if (error instanceof TargetUnreachableError)
      throw new RefusedError(`Tessera cannot reach ${resource.name} to create the login: ${error.failure.message} Nothing was granted; try again.`);
    const message = (error as { message?: string }).message ?? String(error);
    throw new RefusedError(
      `${resource.name} refused to create the login: ${message}. Nothing was granted; "Test connection" on the resource shows what the broker lacks.`,
    );
  }
  const sealedPassword = keepPassword ? sealWithDataKey(access.project.id, sealedDataKey, "pam-grant-password", request.requestId, password) : null;
  await tx.$executeRaw`
    UPDATE pam_access_requests
       SET status = 'ACTIVE', login_role = ${loginRole}, granted_at = ${grantedAt}, expires_at = ${expiresAt},
           sealed_password = ${sealedPassword}, credentials_shown_at = ${keepPassword ? null : grantedAt}, updated_at = now()
     WHERE id = ${request.requestId}::uuid`;
  await recordProjectEvent(tx, access, {
    action: "pam.grant-created",
    target: { type: "pam-request", id: request.requestId, label: loginRole },
    metadata: { loginRole, resource: resource.name, expiresAt: expiresAt.toISOString() },
    summary: `Login ${loginRole} until ${expiresAt.toISOString()}`,
  });
  return credentialsFor(resource, loginRole, password, expiresAt);
}
