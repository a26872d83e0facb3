// Words for role requests, safe to import from client components.

export type RoleRequestStatus = "PENDING" | "REJECTED" | "CANCELLED" | "ACTIVE" | "ENDED";

export const ROLE_REQUEST_STATUS_LABELS: Record<RoleRequestStatus, string> = {
  PENDING: "Waiting for approval",
  REJECTED: "Rejected",
  CANCELLED: "Cancelled",
  ACTIVE: "Active",
  ENDED: "Ended",
};

/** An approved role stops at its expiry even before the sweep writes it down. */
export function statusNow(status: RoleRequestStatus, expiresAt: Date | null, now: Date): RoleRequestStatus {
  return status === "ACTIVE" && expiresAt !== null && expiresAt <= now ? "ENDED" : status;
}

const HOUR = 60;
const DAY = 24 * HOUR;

/** The lengths the request form offers, up to the policy's maximum. */
export const DURATION_CHOICES = [
  { minutes: HOUR, label: "1 hour" },
  { minutes: 4 * HOUR, label: "4 hours" },
  { minutes: 8 * HOUR, label: "8 hours" },
  { minutes: DAY, label: "1 day" },
  { minutes: 3 * DAY, label: "3 days" },
  { minutes: 7 * DAY, label: "7 days" },
  { minutes: 30 * DAY, label: "30 days" },
] as const;

/** No request lasts longer than this, whatever a policy says. */
export const LONGEST_REQUEST_MINUTES = 30 * DAY;

/**
 * What a project with no role request policy follows: any of its roles, for up to 7 days,
 * approved by one project Admin. Writing a policy replaces it: from then on only the roles
 * the project's policies list can be requested.
 */
export const DEFAULT_ROLE_POLICY = {
  name: "Default: one project Admin approves",
  requiredApprovals: 1,
  approverIds: [] as string[],
  approverGroupIds: [] as string[],
  approverRole: "admin",
  maxDurationMinutes: 7 * DAY,
  breakGlassIds: [] as string[],
  createdById: null,
} as const;
