import "server-only";
import { scimPatch, type ScimPatchOperation } from "scim-patch";
import { z } from "zod";
import { publicUrl } from "../mail/send-mail.ts";
import { ScimError } from "./errors.ts";

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

/** Where the org's SCIM resources live, as the provider is told (meta.location). */
export function scimBase(orgSlug: string): string {
  return publicUrl(`/api/scim/v2/${encodeURIComponent(orgSlug)}`);
}

/** A list answer (RFC 7644 §3.4.2): the page asked for and the total that matched. */
export function listResponse(resources: unknown[], total: number, startIndex: number) {
  return { schemas: [LIST_SCHEMA], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}

const MAX_PAGE = 200;

/** `startIndex` (1-based) and `count` from the query, as SCIM reads them: out-of-range values are clamped, not refused. */
export function pageOf(query: URLSearchParams): { skip: number; take: number; startIndex: number } {
  const startIndex = Math.max(1, Math.trunc(Number(query.get("startIndex") ?? 1)) || 1);
  const count = query.get("count");
  const take = count === null ? 100 : Math.min(MAX_PAGE, Math.max(0, Math.trunc(Number(count)) || 0));
  return { skip: startIndex - 1, take, startIndex };
}

/** Booleans as providers send them: Entra ID sends "True" and "False" as strings. */
export const scimBoolean = z.union([z.boolean(), z.enum(["true", "false", "True", "False"]).transform((text) => text.toLowerCase() === "true")]);

/** A request body's problems in SCIM's words: the attribute, then what is wrong with it. */
export function parseScim<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ");
  throw ScimError.badRequest(detail, "invalidValue");
}

/**
 * Lower-cases PATCH operation names (Entra ID sends "Add", "Replace", "Remove") and checks
 * the message's shape before scim-patch reads it.
 */
export const patchBodySchema = z.object({
  schemas: z.array(z.string()).refine((schemas) => schemas.includes("urn:ietf:params:scim:api:messages:2.0:PatchOp"), "must name the PatchOp schema"),
  Operations: z
    .array(
      z.object({
        op: z
          .string()
          .transform((op) => op.toLowerCase())
          .pipe(z.enum(["add", "replace", "remove"])),
        path: z.string().max(500).optional(),
        value: z.unknown().optional(),
      }),
    )
    .min(1)
    .max(1_000),
});

/**
 * Applies a PATCH message to the resource as SCIM shows it (scim-patch does the paths and
 * filters), giving the resource as it should be after; the caller saves the difference, as
 * for a PUT. A path that names nothing, or a value of the wrong shape, is the provider's error.
 */
export function patched<T extends { schemas: string[] }>(resource: T, body: unknown): T {
  const { Operations } = parseScim(patchBodySchema, body);
  const document = { ...resource, meta: { created: new Date(0), lastModified: new Date(0) } };
  try {
    const { meta: _meta, ...after } = scimPatch(document, Operations.flatMap(removalsByValue) as ScimPatchOperation[], {
      mutateDocument: false,
      treatMissingAsAdd: true,
    });
    return after as unknown as T;
  } catch (error) {
    if (error instanceof Error && "scimCode" in error) {
      const type = (error as { scimCode?: string }).scimCode;
      throw ScimError.badRequest(
        error.message || "The patch does not apply to this resource",
        type === "noTarget" || type === "invalidPath" ? type : "invalidValue",
      );
    }
    throw error;
  }
}

type Operation = z.output<typeof patchBodySchema>["Operations"][number];

/**
 * Entra ID removes members as `{op: "Remove", path: "members", value: [{value: id}]}`; the
 * entries it sends carry other fields (`$ref: null`) than the resource shows, so they are
 * matched by `value` alone: one `members[value eq "<id>"]` removal each.
 */
function removalsByValue(operation: Operation): Operation[] {
  if (operation.op !== "remove" || !operation.path || operation.path.includes("[") || !Array.isArray(operation.value)) return [operation];
  const path = operation.path;
  return operation.value.map((entry: unknown) => {
    const id = typeof entry === "object" && entry !== null ? (entry as { value?: unknown }).value : undefined;
    if (typeof id !== "string") throw ScimError.badRequest(`${path}: each value to remove names the member by its value`, "invalidValue");
    return { op: "remove" as const, path: `${path}[value eq ${JSON.stringify(id)}]` };
  });
}
