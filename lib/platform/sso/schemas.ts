import { z } from "zod";
import { orgRefSchema } from "../slugs.ts";

const DOMAIN = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

/** "acme.com, acme.io" or one per line → ["acme.com", "acme.io"], each a real domain name (the bad ones named once). */
export const allowedDomainsSchema = z
  .string()
  .max(2_000)
  .transform((text) => [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((domain) => domain.trim().toLowerCase().replace(/^@/, ""))
        .filter(Boolean),
    ),
  ])
  .superRefine((domains, context) => {
    const bad = domains.filter((domain) => !DOMAIN.test(domain));
    if (bad.length > 0) context.addIssue({ code: "custom", message: `Not a domain name: ${bad.join(", ")} (each looks like example.com)` });
    else if (domains.length === 0) context.addIssue({ code: "custom", message: "Name at least one email domain whose people may sign in" });
    else if (domains.length > 50) context.addIssue({ code: "custom", message: "At most 50 domains" });
  });

export const saveSsoConnectionSchema = orgRefSchema.extend({
  issuer: z.string().trim().min(1, "Enter the issuer's URL").max(500),
  clientId: z.string().trim().min(1, "Enter the client id the provider gave").max(500),
  /** Blank keeps the secret saved before. */
  clientSecret: z.string().max(2_000),
  allowedDomains: allowedDomainsSchema,
  defaultRole: z.enum(["member", "no-access"]),
});
export type SaveSsoConnectionInput = z.input<typeof saveSsoConnectionSchema>;

/** What the settings form sends (the domains still as typed); lib/platform/sso/connection parses the rest. */
export const ssoConnectionFormSchema = saveSsoConnectionSchema.extend({ allowedDomains: z.string().max(2_000) });

export const setSsoActiveSchema = orgRefSchema.extend({ active: z.boolean() });

export const setSsoEnforcedSchema = orgRefSchema.extend({ enforced: z.boolean() });

/** Where a person starts an SSO sign-in: their work email (its domain finds the org). */
export const ssoStartSchema = z.object({ email: z.string().trim().toLowerCase().max(320).email("Enter your work email address") });
