"use server";

import { z } from "zod";
import { deleteAccount } from "../users/delete-account.ts";
import { deleteAccountSchema } from "../users/schemas.ts";
import { signOutEverywhere } from "../users/sign-out-everywhere.ts";
import { defineAction } from "./define-action.ts";

/** Voids every session of the actor, this one included; the page then signs out locally. */
export const signOutEverywhereAction = defineAction(z.undefined(), (actor) => signOutEverywhere(actor));

/** Deletes the actor's account (password re-checked); the page then signs out locally. */
export const deleteAccountAction = defineAction(deleteAccountSchema, (actor, input) => deleteAccount(actor, input));
