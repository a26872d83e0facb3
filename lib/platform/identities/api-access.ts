import "server-only";
import { isIP } from "node:net";
import { projectAccessColumns, projectAccessFromRow, type ProjectAccess, type ProjectAccessRow } from "../authz/project-access.ts";
import { preparedQuery } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { credentialHash } from "./credentials.ts";
import { plans } from "../billing/plans.ts";
import { ApiRefusal, apiOffRefusal } from "./universal-auth.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A machine identity's access to a project for one API request, in one statement: the token
 * stands (not revoked, not expired, uses left, from an address its identity trusts) and
 * records this use; then the same columns a person's page loads — org role, project
 * membership, live grants, custom roles. A revoked token or a changed role takes effect on
 * the very next request, on every instance. Unknown projects and other orgs' look the same.
 */
export async function loadIdentityProjectAccess(accessToken: string, projectId: string, clientAddress: string): Promise<ProjectAccess> {
  // An address the front door could not resolve matches only "anywhere" (0.0.0.0/0).
  const address = isIP(clientAddress) ? clientAddress : "0.0.0.0";
  // A token with a use limit counts every request (re-checked under the row lock, so two
  // requests cannot both take its last use); an unlimited one records when it was last used,
  // at most once a minute, so that most requests write nothing and wait for no disk flush.
  const rows = await preparedQuery<ProjectAccessRow>(Prisma.sql`
    WITH token AS (
      SELECT t.id, t.identity_id, t.max_uses, t.last_used_at
        FROM identity_access_tokens t JOIN machine_identities i ON i.user_id = t.identity_id
       WHERE t.token_hash = ${credentialHash(accessToken)}
         AND t.revoked_at IS NULL AND t.expires_at > now() AND (t.max_uses = 0 OR t.use_count < t.max_uses)
         AND ${address}::inet <<= ANY (i.token_trusted_ips::cidr[])),
    used AS (
      UPDATE identity_access_tokens t SET use_count = t.use_count + 1, last_used_at = now()
        FROM token
       WHERE t.id = token.id AND (t.max_uses = 0 OR t.use_count < t.max_uses)
         AND (token.max_uses > 0 OR token.last_used_at IS NULL OR token.last_used_at < now() - interval '1 minute')
      RETURNING t.id),
    admitted AS (
      SELECT token.identity_id FROM token WHERE token.max_uses = 0 OR EXISTS (SELECT 1 FROM used))
    SELECT ${projectAccessColumns()}
      FROM admitted JOIN users u ON u.id = admitted.identity_id AND u.disabled_at IS NULL
      LEFT JOIN projects p ON p.id = ${UUID.test(projectId) ? projectId : null}::uuid
      LEFT JOIN (org_memberships m JOIN organizations o ON o.id = m.org_id) ON m.user_id = u.id AND m.org_id = p.org_id AND m.deactivated_at IS NULL
      LEFT JOIN project_memberships pm ON pm.project_id = p.id AND pm.user_id = u.id`);
  const { actor, access } = projectAccessFromRow(rows[0]);
  if (!actor) throw new ApiRefusal(401, "Invalid or expired access token");
  if (!access) throw new ApiRefusal(404, "Project not found");
  // The plan came with the access, in the same statement: a downgrade stops tokens at once.
  if (!plans()[access.orgAccess.org.plan].features.apiAccess) throw apiOffRefusal(access.orgAccess.org.plan);
  return access;
}
