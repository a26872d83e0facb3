import { z } from "zod";
import { idSchema } from "./ids.ts";

/** A checkbox: a form posts "on" when ticked and nothing when not. */
export const checkboxSchema = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

/** Ids typed or picked several at once (a multi-select posts an array, a form a string), each once. */
export const idListSchema = (most: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((value) => (Array.isArray(value) ? value : value.split(/[\s,]+/)).filter(Boolean))
    .pipe(z.array(idSchema).max(100, `At most 100 ${most}`))
    .transform((ids) => [...new Set(ids)]);
