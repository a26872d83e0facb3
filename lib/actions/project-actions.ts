"use server";

import { createProject } from "../projects/create-project.ts";
import { createProjectSchema } from "../projects/schemas.ts";
import { defineOrgAction } from "./define-action.ts";

export const createProjectAction = defineOrgAction({
  permission: "project:create",
  schema: createProjectSchema,
  handler: async (access, input) => {
    const project = await createProject(access, input);
    return { slug: project.slug };
  },
});
