import "server-only";
import type { ProductHooks } from "../../platform/projects/product-hooks.ts";
import { createDefaultEnvironments } from "./environments.ts";

/** A new Secrets Management project starts with its environments. */
export const secretsHooks: ProductHooks = { projectCreated: createDefaultEnvironments };
