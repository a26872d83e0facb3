import "server-only";
import type { ProjectAccess } from "../../../platform/authz/project-access.ts";
import { loadIdentityProjectAccess } from "../../../platform/identities/api-access.ts";
import { ApiRefusal, bearerToken } from "../../../platform/identities/universal-auth.ts";
import { projectIdOf } from "./wire.ts";
import { clientAddressOf } from "../../../platform/api/respond.ts";

/** The calling identity's access to the project a request names, checked on this request. */
export async function identityAccessFor(request: Request, input: { workspaceId?: string; projectId?: string }): Promise<ProjectAccess> {
  const token = bearerToken(request.headers.get("authorization"));
  if (!token) throw new ApiRefusal(401, "Send an access token: Authorization: Bearer <token>");
  return loadIdentityProjectAccess(token, projectIdOf(input), clientAddressOf(request));
}
