import "server-only";
import { parse, type Filter } from "scim2-parse-filter";
import { ScimError } from "./errors.ts";

/** A comparison the provider asked for, on one attribute Tessera can search. */
export type Comparison = { op: "eq" | "ne" | "co" | "sw" | "ew" | "pr"; value: string | boolean | null };

/** For each searchable attribute (lower case, as SCIM names are case-insensitive), how a comparison becomes a Prisma `where`. */
export type FilterAttributes<Where> = Record<string, (comparison: Comparison) => Where>;

const MAX_FILTER_LENGTH = 1_000;
const MAX_TERMS = 20;

/**
 * A SCIM filter (`userName eq "ada@acme.com" and active eq true`) as a Prisma `where`, parsed
 * by scim2-parse-filter (a hand-written parser, no regular expression built from the input).
 * Only the attributes given are searchable; anything else is SCIM's `invalidFilter`.
 */
export function compileFilter<Where>(text: string | null, attributes: FilterAttributes<Where>): Where | { AND: Where[] } | null {
  if (text === null || text.trim() === "") return null;
  if (text.length > MAX_FILTER_LENGTH) throw ScimError.badRequest(`filter: at most ${MAX_FILTER_LENGTH} characters`, "invalidFilter");
  let tree: Filter;
  try {
    tree = parse(text);
  } catch (error) {
    throw ScimError.badRequest(`filter: ${error instanceof Error ? error.message : "not a SCIM filter"}`, "invalidFilter");
  }
  let terms = 0;
  const compile = (node: Filter, prefix: string): Where => {
    if (++terms > MAX_TERMS) throw ScimError.badRequest(`filter: at most ${MAX_TERMS} terms`, "invalidFilter");
    switch (node.op) {
      case "and":
        return { AND: node.filters.map((child) => compile(child, prefix)) } as Where;
      case "or":
        return { OR: node.filters.map((child) => compile(child, prefix)) } as Where;
      case "not":
        return { NOT: compile(node.filter, prefix) } as Where;
      case "[]":
        // emails[type eq "work"].value: Tessera keeps one (primary) email, so the inner condition on the type is not searchable.
        return compile(node.valFilter, `${prefix}${node.attrPath}.`);
      case "pr":
        return attribute(`${prefix}${node.attrPath}`)({ op: "pr", value: null });
      case "eq":
      case "ne":
      case "co":
      case "sw":
      case "ew": {
        const value = node.compValue;
        if (typeof value !== "string" && typeof value !== "boolean" && value !== null) {
          throw ScimError.badRequest(`filter: ${node.attrPath} is compared with text`, "invalidFilter");
        }
        return attribute(`${prefix}${node.attrPath}`)({ op: node.op, value });
      }
      default:
        throw ScimError.badRequest(`filter: the operator ${node.op} is not supported here`, "invalidFilter");
    }
  };
  const attribute = (path: string) => {
    const name = path.replace(/^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i, "").toLowerCase();
    const compileAttribute = attributes[name];
    if (!compileAttribute) throw ScimError.badRequest(`filter: ${path} cannot be searched (try ${Object.keys(attributes).join(", ")})`, "invalidFilter");
    return compileAttribute;
  };
  return compile(tree, "");
}

/** A text comparison as a Prisma string filter; `insensitive` for attributes whose case does not matter. */
export function textWhere(comparison: Comparison, insensitive: boolean) {
  const mode = insensitive ? ("insensitive" as const) : undefined;
  // Present: not empty (an absent optional value is null, which no comparison matches).
  if (comparison.op === "pr") return { not: "" };
  const value = comparison.value;
  if (typeof value !== "string") throw ScimError.badRequest("filter: this attribute is compared with text", "invalidFilter");
  switch (comparison.op) {
    case "eq":
      return { equals: value, mode };
    case "ne":
      return { not: { equals: value, mode } };
    case "co":
      return { contains: value, mode };
    case "sw":
      return { startsWith: value, mode };
    case "ew":
      return { endsWith: value, mode };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A comparison on a resource id. Ids are UUIDs compared whole: a value that cannot be one
 * matches nothing (never "no condition", which would match everything).
 */
export function idWhere(comparison: Comparison): { in: string[] } | { notIn: string[] } {
  // Every resource has an id: present, or unequal to what no id can be, is every resource.
  if (comparison.op === "pr") return { notIn: [] };
  const value = typeof comparison.value === "string" && UUID.test(comparison.value) ? comparison.value.toLowerCase() : null;
  if (comparison.op === "eq") return { in: value ? [value] : [] };
  if (comparison.op === "ne") return { notIn: value ? [value] : [] };
  throw ScimError.badRequest("filter: id is compared with eq or ne", "invalidFilter");
}
