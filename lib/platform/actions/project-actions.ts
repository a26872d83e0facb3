"use server";

import { createProject } from "../projects/create-project.ts";
import { deleteProject } from "../projects/delete-project.ts";
import { joinProjectAsAdmin } from "../project-members/join-project-as-admin.ts";
import { createProjectSchema, deleteProjectSchema, gainProjectAccessSchema, updateProjectSchema } from "../projects/schemas.ts";
import { updateProject } from "../projects/update-project.ts";
import { switcherProjects } from "../projects/switcher-projects.ts";
import { orgRefSchema } from "../slugs.ts";
import { ANY_MEMBER, defineOrgAction, defineProjectAction } from "./define-action.ts";

export const createProjectAction = defineOrgAction({
  permission: "project:create",
  schema: createProjectSchema,
  handler: async (access, input) => {
    const project = await createProject(access, input);
    return { slug: project.slug };
  },
});

export const updateProjectAction = defineProjectAction({
  permission: "project:edit",
  schema: updateProjectSchema,
  handler: (access, input) => updateProject(access, input),
});

export const deleteProjectAction = defineProjectAction({
  permission: "project:delete",
  schema: deleteProjectSchema,
  handler: async (access, input) => {
    await deleteProject(access, input);
    return { orgSlug: access.orgAccess.org.slug };
  },
});

export const joinProjectAsAdminAction = defineOrgAction({
  permission: "project:read-all",
  schema: gainProjectAccessSchema,
  handler: (access, input) => joinProjectAsAdmin(access, input),
});

/** The project switcher's entries, asked for when it opens: the actor's own projects, with their roles. */
export const switcherProjectsAction = defineOrgAction({
  permission: ANY_MEMBER,
  schema: orgRefSchema,
  handler: (access) => switcherProjects(access),
});
