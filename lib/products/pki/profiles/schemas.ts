import { z } from "zod";
import { countGlobWildcards, MAX_GLOB_WILDCARDS } from "../../../platform/authz/glob.ts";
import { idSchema } from "../../../platform/ids.ts";
import { orgSlugSchema, projectSlugSchema } from "../../../platform/slugs.ts";
import { EXTENDED_KEY_USAGE_LABELS, KEY_ALGORITHMS, KEY_USAGE_LABELS, type ExtendedKeyUsage, type KeyUsage } from "../vocabulary.ts";

const projectRef = { orgSlug: orgSlugSchema, projectSlug: projectSlugSchema };

/** Name globs, one per line or comma-separated, compared in lower case like the names they match. */
const allowedNames = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(/[\s,]+/)).map((entry) => entry.trim().toLowerCase()).filter(Boolean))
  .transform((globs, context) => {
    if (globs.length === 0) context.addIssue({ code: "custom", message: "Enter at least one name pattern, like *.svc.internal" });
    if (globs.length > 50) context.addIssue({ code: "custom", message: "At most 50 patterns" });
    const long = globs.find((glob) => glob.length > 253);
    if (long) context.addIssue({ code: "custom", message: `"${long.slice(0, 40)}…" is longer than a name can be` });
    const wild = globs.find((glob) => countGlobWildcards(glob) > MAX_GLOB_WILDCARDS);
    if (wild) context.addIssue({ code: "custom", message: `"${wild}" has more than ${MAX_GLOB_WILDCARDS} wildcards` });
    const odd = globs.find((glob) => !/^[a-z0-9*?.@_-]+$/.test(glob));
    if (odd) context.addIssue({ code: "custom", message: `"${odd}" is not a name pattern: letters, digits, . - _ @ and the wildcards * and ?` });
    return [...new Set(globs)];
  });

const pickSome = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z.array(z.enum(values), { error: `Choose at least one ${what}` }).min(1, `Choose at least one ${what}`);

export const profileFieldsSchema = z.object({
  name: z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(64, "Use at most 64 characters"),
  description: z.string().trim().max(500, "Use at most 500 characters").default(""),
  caId: idSchema,
  allowedNames,
  allowWildcards: z.boolean().default(false),
  allowIpAddresses: z.boolean().default(false),
  keyAlgorithms: pickSome(KEY_ALGORITHMS, "key type"),
  keyUsages: pickSome(Object.keys(KEY_USAGE_LABELS) as [KeyUsage, ...KeyUsage[]], "key usage"),
  extendedKeyUsages: pickSome(Object.keys(EXTENDED_KEY_USAGE_LABELS) as [ExtendedKeyUsage, ...ExtendedKeyUsage[]], "extended key usage"),
  maxValidityDays: z.coerce.number({ error: "Enter a number of days" }).int("Whole days").min(1, "At least a day").max(3650, "At most 10 years"),
});
export type ProfileFields = z.output<typeof profileFieldsSchema>;

export const createProfileSchema = profileFieldsSchema.extend(projectRef);
export type CreateProfileInput = z.input<typeof createProfileSchema>;

export const profileRefSchema = z.object({ ...projectRef, profileId: idSchema });
export type ProfileRefInput = z.input<typeof profileRefSchema>;

export const editProfileSchema = profileFieldsSchema.extend({ ...projectRef, profileId: idSchema });
export type EditProfileInput = z.input<typeof editProfileSchema>;
