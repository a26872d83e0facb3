import "server-only";
import { registerProductHooks } from "../platform/projects/product-hooks.ts";
import { pamHooks } from "../products/pam/lifecycle.ts";
import { secretsHooks } from "../products/secrets/lifecycle.ts";

/** Hands each product's lifecycle hooks to the platform; run once per process before any request. */
export function registerProducts(): void {
  registerProductHooks("SECRET_MANAGER", secretsHooks);
  registerProductHooks("PKI", {});
  registerProductHooks("PAM", pamHooks);
}
