import { buildAbility, type Ability } from "./ability.ts";
import type { SubjectDefinition } from "./catalogue.ts";
import { permissionRulesSchema } from "./rule-schema.ts";
import type { PermissionRule } from "./rules.ts";

/** A custom role as the actor loaders read it, in the same statement as the membership. */
export type LoadedCustomRole = { id: string; slug: string; name: string; version: number; permissions: unknown };

const MAX_CACHED = 5_000;
const rulesCache = new Map<string, PermissionRule[]>();
const abilityCache = new Map<string, Ability>();

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    value = make();
    cache.set(key, value);
  }
  return value;
}

/**
 * A custom role's rules. Keyed by id and version: an edit bumps the version, so every app
 * instance uses the new rules on its next request. Stored rules that no longer fit the
 * catalogue (a subject removed since) grant nothing rather than fail the request.
 */
export function customRoleRules(role: LoadedCustomRole, subjects: Readonly<Record<string, SubjectDefinition>>): PermissionRule[] {
  return remember(rulesCache, `${role.id}@${role.version}`, () => {
    const parsed = permissionRulesSchema(subjects).safeParse(role.permissions);
    return parsed.success ? parsed.data : [];
  });
}

/** One ability per distinct set of roles (built-in slugs and custom id@version), built once. */
export function cachedAbility(key: string, rules: () => PermissionRule[]): Ability {
  return remember(abilityCache, key, () => buildAbility(rules()));
}
