"use server";

import { setAuditRetention } from "../audit-log/retention.ts";
import { auditRetentionSchema } from "../audit-log/schemas.ts";
import { defineOrgAction } from "./define-action.ts";

export const setAuditRetentionAction = defineOrgAction({
  permission: "organization:edit",
  schema: auditRetentionSchema,
  handler: (access, input) => setAuditRetention(access, input),
});
