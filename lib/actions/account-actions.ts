"use server";

import { requireActor } from "../authz/actor.ts";
import { signOutEverywhere } from "../users/sign-out-everywhere.ts";
import type { ActionResult } from "./action-result.ts";
import { toActionResult } from "./to-action-result.ts";

/** Voids every session of the actor, this one included; the page then signs out locally. */
export async function signOutEverywhereAction(): Promise<ActionResult> {
  const actor = await requireActor();
  return toActionResult(async () => {
    await signOutEverywhere(actor);
    return undefined;
  });
}
