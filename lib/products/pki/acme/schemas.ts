import { z } from "zod";
import { idSchema } from "../../../platform/ids.ts";
import { orgSlugSchema, projectSlugSchema } from "../../../platform/slugs.ts";

const profileRef = { orgSlug: orgSlugSchema, projectSlug: projectSlugSchema, profileId: idSchema };

export const createEabKeySchema = z.object({
  ...profileRef,
  name: z.string({ error: "Enter a name" }).trim().min(1, "Enter a name, like the host or cluster that will use it").max(64, "Use at most 64 characters"),
});
export type CreateEabKeyInput = z.input<typeof createEabKeySchema>;

export const eabKeyRefSchema = z.object({ ...profileRef, keyId: idSchema });
export type EabKeyRefInput = z.input<typeof eabKeyRefSchema>;
