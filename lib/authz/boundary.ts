import type { Ability } from "./ability.ts";
import type { PermissionRule } from "./rules.ts";

/**
 * The boundary rule: a role may be granted (or taken away) only by someone who holds
 * every permission in it, in that scope. Built-in roles carry no conditions, so holding
 * each subject:action unconditionally is what counts.
 */
export function holdsEveryPermission(actor: Pick<Ability, "can">, rules: readonly PermissionRule[]): boolean {
  return rules
    .filter((rule) => !rule.inverted)
    .every((rule) => rule.actions.every((action) => actor.can(`${rule.subject}:${action}`)));
}
