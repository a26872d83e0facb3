import "server-only";
import type { ProductType } from "../authz/catalogue.ts";
import type { Tx } from "../db.ts";

/**
 * What a product does when the platform creates or deletes its projects. The platform never
 * imports a product: each product exports its hooks (lib/products/<type>/lifecycle.ts) and
 * lib/app/products.ts registers them all when the server (or a test run, or a script) starts.
 */
export type ProductHooks = {
  /** Inside the transaction that creates a project of this type (a Secrets project's environments). */
  projectCreated?(tx: Tx, projectId: string): Promise<void>;
  /** Inside the transaction that deletes a project, or a whole org: throws to refuse it (live PAM logins). */
  beforeProjectsDeleted?(tx: Tx, scope: { projectId: string } | { orgId: string }): Promise<void>;
};

type Registry = Map<ProductType, ProductHooks>;
// Kept on globalThis: Next bundles the start-up code and the routes apart, and each bundle
// would otherwise hold a registry of its own.
const REGISTRY = Symbol.for("tessera.productHooks");

function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  return (holder[REGISTRY] ??= new Map());
}

export function registerProductHooks(type: ProductType, hooks: ProductHooks): void {
  registry().set(type, hooks);
}

/**
 * A product's hooks. Without them the platform refuses to go on rather than skip a product's
 * guard in silence (deleting a project with live database logins).
 */
export function productHooks(type: ProductType): ProductHooks {
  const hooks = registry().get(type);
  if (!hooks) throw new Error(`No hooks are registered for ${type} projects: lib/app/products.ts must run at start-up.`);
  return hooks;
}
