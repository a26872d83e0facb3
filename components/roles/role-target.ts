import {
  createOrgRoleAction,
  createProjectRoleAction,
  deleteOrgRoleAction,
  deleteProjectRoleAction,
  updateOrgRoleAction,
  updateProjectRoleAction,
} from "@/lib/platform/actions/role-actions";
import type { CreateRoleInput, DeleteRoleInput, UpdateRoleInput } from "@/lib/platform/roles/schemas";

/** Where the roles being edited live: the org, or one of its projects. */
export type RoleTarget = { orgSlug: string; projectSlug?: string };

/** The server actions for the target's scope, with the scope filled in. */
export function roleActions(target: RoleTarget) {
  const { orgSlug, projectSlug } = target;
  return projectSlug
    ? {
        create: (input: CreateRoleInput) => createProjectRoleAction({ orgSlug, projectSlug, ...input }),
        update: (input: UpdateRoleInput) => updateProjectRoleAction({ orgSlug, projectSlug, ...input }),
        remove: (input: DeleteRoleInput) => deleteProjectRoleAction({ orgSlug, projectSlug, ...input }),
      }
    : {
        create: (input: CreateRoleInput) => createOrgRoleAction({ orgSlug, ...input }),
        update: (input: UpdateRoleInput) => updateOrgRoleAction({ orgSlug, ...input }),
        remove: (input: DeleteRoleInput) => deleteOrgRoleAction({ orgSlug, ...input }),
      };
}

export function rolesHref(target: RoleTarget): string {
  return target.projectSlug ? `/orgs/${target.orgSlug}/projects/${target.projectSlug}/roles` : `/orgs/${target.orgSlug}/roles`;
}
