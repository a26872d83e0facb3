// Words for PAM's states and options, safe to import from client components.

export const TLS_MODES = ["DISABLE", "REQUIRE", "VERIFY_FULL"] as const;
export type TlsMode = (typeof TLS_MODES)[number];

export const TLS_MODE_LABELS: Record<TlsMode, string> = {
  DISABLE: "No TLS",
  REQUIRE: "TLS, certificate not verified",
  VERIFY_FULL: "TLS, certificate and host name verified",
};

export type RequestStatus = "PENDING" | "REJECTED" | "CANCELLED" | "ACTIVE" | "EXPIRED" | "REVOKED";

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  PENDING: "Waiting for approval",
  REJECTED: "Rejected",
  CANCELLED: "Cancelled",
  ACTIVE: "Active",
  EXPIRED: "Expired",
  REVOKED: "Revoked",
};

/** What conditions on PAM's accounts match: the names of the account and its resource. */
export type AccountNames = { resourceName: string; accountName: string };

export { BREAK_GLASS_MIN_REASON } from "../../platform/approvals/vocabulary.ts";

const isPattern = (glob: string) => glob.includes("*");

/** What a policy's two name patterns cover, in words: "Accounts like app_* on every database". */
export function coverageInWords(accountGlob: string, resourceGlob: string): string {
  const accounts = accountGlob === "*" ? "Every account" : isPattern(accountGlob) ? `Accounts like ${accountGlob}` : `The account ${accountGlob}`;
  const databases = resourceGlob === "*" ? "every database" : isPattern(resourceGlob) ? `databases like ${resourceGlob}` : resourceGlob;
  return `${accounts} on ${databases}`;
}

/** What a superuser runs once on a database so Tessera's broker can hand out its roles (README "Set up the broker"). */
export const BROKER_SETUP_SQL = `-- The login Tessera uses: it may create roles, but it is not a superuser.
CREATE ROLE tessera_broker LOGIN CREATEROLE PASSWORD 'a long random password';
-- For each role people may ask for: the broker may hand it out (ADMIN OPTION)
-- without holding its privileges itself (INHERIT FALSE, SET FALSE).
GRANT app_readonly TO tessera_broker WITH ADMIN OPTION, INHERIT FALSE, SET FALSE;
-- To end the sessions of a revoked or expired login.
GRANT pg_signal_backend TO tessera_broker;
-- Optional: lets the Sessions page show where connections come from.
GRANT pg_read_all_stats TO tessera_broker;`;

/** The file name the connection details expect a database's own CA certificate in. */
export const CA_FILE = "tessera-db-ca.pem";
