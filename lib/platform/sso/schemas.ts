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

/** How long a session from the provider may last, as the settings offer it ("": as long as any session). */
export const SSO_SESSION_HOURS = { "": "As long as any session", "8": "8 hours", "24": "24 hours", "72": "3 days", "168": "7 days" } as const;

export const setSsoOptionsSchema = orgRefSchema.extend({
  groupsClaim: z
    .string()
    .trim()
    .max(100, "At most 100 characters")
    .regex(/^[A-Za-z0-9_.:/-]*$/, "A claim name: letters, digits and _ . : / - (for example groups)")
    .transform((claim) => claim || null),
  sessionHours: z
    .enum(Object.keys(SSO_SESSION_HOURS) as [keyof typeof SSO_SESSION_HOURS, ...Array<keyof typeof SSO_SESSION_HOURS>], { error: "Choose a limit" })
    .transform((hours) => (hours ? Number(hours) : null)),
});
export type SetSsoOptionsInput = z.input<typeof setSsoOptionsSchema>;

/** What the options form sends, as typed; lib/platform/sso/options parses it. */
export const ssoOptionsFormSchema = orgRefSchema.extend({ groupsClaim: z.string().max(100), sessionHours: setSsoOptionsSchema.shape.sessionHours.in });
