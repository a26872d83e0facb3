import "server-only";
import type { z } from "zod";
import type { ProjectPermission } from "../authz/catalogue.ts";
import type { ProjectAccess } from "../authz/project-access.ts";
import { ForbiddenError } from "../errors.ts";
import { loadIdentityProjectAccess } from "../identities/api-access.ts";
import { ApiRefusal, bearerToken } from "../identities/universal-auth.ts";
import { clientAddressOf, jsonBody, queryOf, respond } from "./respond.ts";

// The one door for HTTP, as defineAction is for server actions: every app/api route is
// declared with who may call it, where its input comes from and the permission it needs,
// and this runs the checks in order on each request: the body read within its limit
// (streamed), the input parsed (422 naming the field), the caller's access to the project
// (a machine identity's token: revoked, expired, untrusted addresses and a plan without
// the API all refused in the one statement that loads it), the permission (403), then the
// handler. Errors answer in Infisical's JSON shape. tests/integration/api-matrix.test.ts
// calls every route as every built-in role and as another org.

type Input = Record<string, unknown>;
type Call<I> = { input: I; params: Record<string, string>; request: Request; clientAddress: string };

export type ApiRouteDefinition =
  | { auth: "public"; from: "query" | "body" | "none"; schema?: z.ZodType; handle(call: Call<never>): Promise<unknown> }
  | {
      auth: "identity";
      from: "query" | "body";
      schema: z.ZodType;
      /** Held in the project, at least for some resource; the handler checks each resource it touches. */
      permission: ProjectPermission;
      handle(call: Call<never> & { access: ProjectAccess }): Promise<unknown>;
    };

type RouteContext = { params: Promise<Record<string, string | string[]>> };
/** What Next calls: the request and, for a dynamic segment, its params. */
export type ApiRoute = (request: Request, context?: RouteContext) => Promise<Response>;

const definitions = new WeakMap<ApiRoute, ApiRouteDefinition>();

/** The definition behind a route handler, for the tests; undefined for a handler not made here. */
export function apiRouteDefinition(route: unknown): ApiRouteDefinition | undefined {
  return typeof route === "function" ? definitions.get(route as ApiRoute) : undefined;
}

/** The project a machine request names: `projectId` (v4) or `workspaceId` (v3). */
function projectIdOf(input: Input): string {
  const id = input.workspaceId ?? input.projectId;
  if (typeof id !== "string" || !id) throw new ApiRefusal(422, "workspaceId: the project's id is required");
  return id;
}

async function identityAccess(request: Request, input: Input, clientAddress: string): Promise<ProjectAccess> {
  const token = bearerToken(request.headers.get("authorization"));
  if (!token) throw new ApiRefusal(401, "Send an access token: Authorization: Bearer <token>");
  return loadIdentityProjectAccess(token, projectIdOf(input), clientAddress);
}

export function defineApiRoute(definition: ApiRouteDefinition): ApiRoute {
  const route: ApiRoute = async (request, context) => {
    const run = async () => {
      const raw = definition.from === "query" ? queryOf(request) : definition.from === "body" ? await jsonBody(request) : {};
      const input = (definition.schema ? definition.schema.parse(raw) : raw) as Input;
      const params = Object.fromEntries(Object.entries((await context?.params) ?? {}).map(([name, value]) => [name, String(value)]));
      const clientAddress = clientAddressOf(request);
      if (definition.auth === "public") return definition.handle({ input: input as never, params, request, clientAddress });
      const access = await identityAccess(request, input, clientAddress);
      if (!access.can(definition.permission)) throw new ForbiddenError(definition.permission);
      return definition.handle({ input: input as never, params, request, clientAddress, access });
    };
    return respond(run);
  };
  definitions.set(route, definition);
  return route;
}
