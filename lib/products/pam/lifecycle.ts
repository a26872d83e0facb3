import "server-only";
import type { ProductHooks } from "../../platform/projects/product-hooks.ts";
import { assertNoLiveGrants } from "./grants.ts";

/** A PAM project (or its org) is not deleted while it holds live database logins. */
export const pamHooks: ProductHooks = { beforeProjectsDeleted: assertNoLiveGrants };
