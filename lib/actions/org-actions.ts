"use server";

import { createOrg } from "../orgs/create-org.ts";
import { createOrgSchema } from "../orgs/schemas.ts";
import { defineAction } from "./define-action.ts";

export const createOrgAction = defineAction(createOrgSchema, async (actor, input) => {
  const org = await createOrg(actor, input);
  return { slug: org.slug };
});
