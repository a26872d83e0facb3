import { boundedMemo } from "../bounded-memo.ts";
import { buildAbility, type Ability } from "./ability.ts";
import type { SubjectDefinition } from "./catalogue.ts";
import { permissionRulesSchema } from "./rule-schema.ts";
import type { PermissionRule } from "./rules.ts";

/** A custom role as the actor loaders read it, in the same statement as the membership. */
export type LoadedCustomRole = { id: string; slug: string; name: string; version: number; permissions: unknown };

const rememberRules = boundedMemo<PermissionRule[]>();
const rememberAbility = boundedMemo<Ability>();

/**
 * A custom role's rules. Keyed by id and version: an edit bumps the version, so every app
 * instance uses the new rules on its next request. Stored rules that no longer fit the
 * catalogue (a subject removed since) grant nothing rather than fail the request.
 */
export function customRoleRules(role: LoadedCustomRole, subjects: Readonly<Record<string, SubjectDefinition>>): PermissionRule[] {
  return rememberRules(`${role.id}@${role.version}`, () => {
    const parsed = permissionRulesSchema(subjects).safeParse(role.permissions);
    return parsed.success ? parsed.data : [];
  });
}

/** One ability per distinct set of roles (built-in slugs and custom id@version), built once. */
export function cachedAbility(key: string, rules: () => PermissionRule[]): Ability {
  return rememberAbility(key, () => buildAbility(rules()));
}
