import { z } from "zod";
import { idListSchema } from "../../../platform/form-fields.ts";
import { orgSlugSchema, projectSlugSchema } from "../../../platform/slugs.ts";

/** Days before the end, typed "30, 7, 1": one to five whole numbers from 1 to 365, largest first. */
const thresholds = z
  .union([z.string(), z.array(z.union([z.string(), z.number()]))])
  .transform((value) => (Array.isArray(value) ? value.map(String) : value.split(/[\s,]+/)).map((entry) => entry.trim()).filter(Boolean))
  .transform((entries, context) => {
    const days = entries.map(Number);
    if (days.length === 0) context.addIssue({ code: "custom", message: "Enter at least one number of days, like 30, 7, 1" });
    if (days.length > 5) context.addIssue({ code: "custom", message: "At most five thresholds" });
    const bad = entries.find((entry, index) => !Number.isInteger(days[index]) || days[index]! < 1 || days[index]! > 365);
    if (bad !== undefined) context.addIssue({ code: "custom", message: `"${bad}" is not a whole number of days from 1 to 365` });
    return [...new Set(days)].sort((a, b) => b - a);
  });

export const saveExpiryAlertSchema = z.object({
  orgSlug: orgSlugSchema,
  projectSlug: projectSlugSchema,
  thresholds,
  recipientIds: idListSchema("people"),
  groupIds: idListSchema("groups"),
});
export type SaveExpiryAlertInput = z.input<typeof saveExpiryAlertSchema>;
