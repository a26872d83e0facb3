import { z } from "zod";
import { normalizeEmail } from "../email-address.ts";
import { orgSlugSchema } from "../slugs.ts";
import { AUDIT_ACTIONS } from "../audit/audit-actions.ts";

/** 25 rows a page, like the members page: rows are most of what a list page renders (issue 29). */
export const AUDIT_PAGE_SIZE = 25;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .catch("")
  .default("");

/**
 * The audit log's filters, read from the URL: a bad value is dropped, never an error page.
 * `before`/`after` are keyset cursors (older and newer pages).
 */
export const auditFilterSchema = z.object({
  actor: z
    .string()
    .trim()
    .max(254)
    .transform((value) => (value ? normalizeEmail(value) : ""))
    .catch("")
    .default(""),
  action: z
    .enum(AUDIT_ACTIONS as [string, ...string[]])
    .or(z.literal(""))
    .catch("")
    .default(""),
  /** A target's id, or words of its name as recorded (an email, a key, a role's name). */
  target: z.string().trim().max(200).catch("").default(""),
  /** A project's slug: its events only (the org's log). A free field, not a list: an org may have thousands. */
  project: z.string().trim().toLowerCase().max(64).catch("").default(""),
  from: day,
  to: day,
  before: z.string().max(200).catch("").default(""),
  after: z.string().max(200).catch("").default(""),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

export const auditRetentionSchema = z.object({
  orgSlug: orgSlugSchema,
  retentionDays: z
    .union([z.literal(""), z.null(), z.coerce.number({ error: "Enter a number of days, or leave it empty to keep events forever" })])
    .transform((value) => (value === "" || value === null ? null : value))
    .pipe(z.number().int("Enter a whole number of days").min(1, "Keep events for at least 1 day").max(36_500, "At most 36,500 days").nullable()),
});
export type AuditRetentionInput = z.input<typeof auditRetentionSchema>;
