"use server";

import { requireActor } from "../authz/actor.ts";
import { createOrg } from "../orgs/create-org.ts";
import type { CreateOrgInput } from "../orgs/schemas.ts";
import type { ActionResult } from "./action-result.ts";
import { toActionResult } from "./to-action-result.ts";

export async function createOrgAction(input: CreateOrgInput): Promise<ActionResult<{ slug: string }>> {
  const actor = await requireActor();
  return toActionResult(async () => {
    const org = await createOrg(actor, input);
    return { slug: org.slug };
  });
}
