import "server-only";
import { withRequestContext } from "../audit/request-context.ts";
import { isDatabaseUnavailable, isUniqueViolation } from "../db.ts";
import { readBodyWithin } from "../http/body-limit.ts";
import { RETRY_AFTER_SECONDS } from "../http/unavailable-page.ts";
import { clientAddressOf } from "../api/respond.ts";
import { authenticateScim, type ScimCaller } from "./caller.ts";
import { resourceTypes, schemas, serviceProviderConfig } from "./discovery.ts";
import { ScimError, scimErrorBody } from "./errors.ts";
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup } from "./groups.ts";
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from "./users.ts";

/** Group bodies carry their members: 1,000 people with names is well within this. */
const MAX_SCIM_BODY_BYTES = 1024 * 1024;

const SCIM_JSON = "application/scim+json";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

function scimResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (body === null) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": SCIM_JSON, ...headers } });
}

async function scimBody(request: Request): Promise<unknown> {
  const bytes = await readBodyWithin(request, MAX_SCIM_BODY_BYTES);
  if (!bytes) throw new ScimError(413, `The body is larger than ${MAX_SCIM_BODY_BYTES / 1024} KiB`);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw ScimError.badRequest("The body is not JSON", "invalidSyntax");
  }
}

/** What each path and method does, once the caller is known. */
async function dispatch(method: Method, path: readonly string[], request: Request, caller: ScimCaller): Promise<Response> {
  const org = caller.access.org.slug;
  const query = new URL(request.url).searchParams;
  const [collection, id, ...rest] = path;
  if (rest.length > 0) throw ScimError.notFound("resource");
  const created = (resource: { meta?: unknown }) => scimResponse(201, resource, { Location: (resource.meta as { location: string }).location });
  switch (`${method} ${collection}${id === undefined ? "" : "/:id"}`) {
    case "GET ServiceProviderConfig":
      return scimResponse(200, serviceProviderConfig(org));
    case "GET ResourceTypes":
      return scimResponse(200, resourceTypes(org));
    case "GET Schemas":
      return scimResponse(200, schemas(org));
    case "GET Users":
      return scimResponse(200, await listUsers(caller, query));
    case "POST Users":
      return created(await createUser(caller, await scimBody(request)));
    case "GET Users/:id":
      return scimResponse(200, await getUser(caller, id!));
    case "PUT Users/:id":
      return scimResponse(200, await replaceUser(caller, id!, await scimBody(request)));
    case "PATCH Users/:id":
      return scimResponse(200, await patchUser(caller, id!, await scimBody(request)));
    case "DELETE Users/:id":
      await deleteUser(caller, id!);
      return scimResponse(204, null);
    case "GET Groups":
      return scimResponse(200, await listGroups(caller, query));
    case "POST Groups":
      return created(await createGroup(caller, await scimBody(request)));
    case "GET Groups/:id":
      return scimResponse(200, await getGroup(caller, id!, query));
    case "PUT Groups/:id":
      return scimResponse(200, await replaceGroup(caller, id!, await scimBody(request)));
    case "PATCH Groups/:id": {
      const resource = await patchGroup(caller, id!, await scimBody(request), query);
      return resource ? scimResponse(200, resource) : scimResponse(204, null);
    }
    case "DELETE Groups/:id":
      await deleteGroup(caller, id!);
      return scimResponse(204, null);
    default:
      throw new ScimError(collection === "Users" || collection === "Groups" ? 405 : 404, `${method} /${path.join("/")} is not part of this SCIM service`);
  }
}

type RouteContext = { params: Promise<{ org: string; path?: string[] }> };

/**
 * The SCIM 2.0 service of one org, `/api/scim/v2/<org>/…`: the token is checked first (for
 * this org, on this request), then the path decides. Every refusal is a SCIM error document.
 */
export function scimRoute(method: Method) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const { org, path = [] } = await context.params;
    const clientAddress = clientAddressOf(request);
    try {
      return await withRequestContext({ ip: clientAddress, userAgent: request.headers.get("user-agent") }, async () => {
        const caller = await authenticateScim(request, org, clientAddress);
        return dispatch(method, path, request, caller);
      });
    } catch (error) {
      if (error instanceof ScimError) {
        return scimResponse(
          error.status,
          scimErrorBody(error.status, error.message, error.scimType),
          error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : {},
        );
      }
      // Two requests making the same userName, externalId or membership at once: the second loses.
      if (isUniqueViolation(error)) return scimResponse(409, scimErrorBody(409, "It was made by another request at the same moment", "uniqueness"));
      if (isDatabaseUnavailable(error)) {
        return scimResponse(503, scimErrorBody(503, "The service is briefly unavailable; retry"), { "Retry-After": String(RETRY_AFTER_SECONDS) });
      }
      console.error(error);
      return scimResponse(500, scimErrorBody(500, "Something went wrong on our side"));
    }
  };
}
