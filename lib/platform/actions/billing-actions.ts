"use server";

import { billingDetailsSchema, updateBillingDetails } from "../org-billing/details.ts";
import { defineOrgAction } from "./define-action.ts";

// Plans are set by the instance operator (npm run org -- plan), never from the browser.
export const updateBillingDetailsAction = defineOrgAction({ permission: "billing:manage", schema: billingDetailsSchema, handler: updateBillingDetails });
