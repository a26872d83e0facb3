import { z } from "zod";

/**
 * A row id in a form or URL. PostgreSQL's uuid type holds any 128-bit value, and rows made
 * outside the app (imports, bulk seeds) need not carry an RFC version nibble, so any
 * 8-4-4-4-12 hex id is accepted; a wrong one is simply not found.
 */
export const idSchema = z.guid({ error: "Not a valid id" });
