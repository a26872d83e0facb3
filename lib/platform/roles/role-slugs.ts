import { z } from "zod";
import { BUILT_IN_ORG_ROLES, BUILT_IN_PROJECT_ROLES } from "../authz/built-in-roles.ts";
import { slugSchema } from "../slugs.ts";

/** Built-in slugs of either scope (and route words) cannot name a custom role. */
const RESERVED_ROLE_SLUGS: ReadonlySet<string> = new Set([...Object.keys(BUILT_IN_ORG_ROLES), ...Object.keys(BUILT_IN_PROJECT_ROLES), "new", "owner"]);

/** The slug of a new custom role. */
export const roleSlugSchema = slugSchema(RESERVED_ROLE_SLUGS);

/** Any role a member may hold: built-in or custom; lib/roles checks it against the scope. */
export const heldRoleSlugSchema = z.string({ error: "Choose a role" }).trim().min(1, "Choose a role").max(63);
