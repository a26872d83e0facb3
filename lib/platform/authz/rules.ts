/** A condition on a resource field, e.g. environment eq "prod" or secretPath glob "/api/**". */
export type RuleCondition = { field: string; operator: "eq" | "ne" | "glob"; value: string } | { field: string; operator: "in"; value: string[] };

/**
 * One line of a role: actions on a subject, allowed or (inverted) denied, optionally only
 * where every condition holds. Built-in roles are lists of these; custom roles store them.
 */
export type PermissionRule = {
  subject: string;
  actions: string[];
  inverted?: boolean;
  conditions?: RuleCondition[];
};
