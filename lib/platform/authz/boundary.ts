import type { Ability } from "./ability.ts";
import type { PermissionRule } from "./rules.ts";

/**
 * The boundary rule: a role may be created, edited, granted or taken away only by someone
 * who holds every permission it allows, in that scope, without conditions or denies of
 * their own. A role's deny rules only take away, so they never need covering.
 */
export function holdsEveryPermission(actor: Pick<Ability, "holds">, rules: readonly PermissionRule[]): boolean {
  return rules.filter((rule) => !rule.inverted).every((rule) => rule.actions.every((action) => actor.holds(`${rule.subject}:${action}`)));
}
