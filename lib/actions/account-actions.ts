"use server";

import { z } from "zod";
import { signOutEverywhere } from "../users/sign-out-everywhere.ts";
import { defineAction } from "./define-action.ts";

/** Voids every session of the actor, this one included; the page then signs out locally. */
export const signOutEverywhereAction = defineAction(z.undefined(), (actor) => signOutEverywhere(actor));
