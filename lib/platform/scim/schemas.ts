import { z } from "zod";
import { idSchema } from "../ids.ts";
import { orgRefSchema } from "../slugs.ts";

/** How long a new token lasts; identity providers keep it in their settings, so a year is common. */
export const SCIM_TOKEN_LIFETIMES = { "30": "30 days", "90": "90 days", "365": "1 year", never: "Never expires" } as const;

export const createScimTokenSchema = orgRefSchema.extend({
  name: z.string().trim().min(1, "Name the token after the provider that will use it").max(100, "At most 100 characters"),
  expiresIn: z.enum(Object.keys(SCIM_TOKEN_LIFETIMES) as [keyof typeof SCIM_TOKEN_LIFETIMES, ...Array<keyof typeof SCIM_TOKEN_LIFETIMES>]),
});
export type CreateScimTokenInput = z.input<typeof createScimTokenSchema>;

export const revokeScimTokenSchema = orgRefSchema.extend({ tokenId: idSchema });
export type RevokeScimTokenInput = z.input<typeof revokeScimTokenSchema>;
