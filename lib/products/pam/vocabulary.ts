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

/** A break-glass reason must say something. */
export const BREAK_GLASS_MIN_REASON = 10;
