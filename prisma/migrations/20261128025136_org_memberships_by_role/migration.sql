-- CreateIndex
CREATE INDEX "org_memberships_org_id_role_idx" ON "org_memberships"("org_id", "role");


-- Roles are spread very differently per org (a large org has a handful of Admins among
-- thousands of members, and each small org is mostly Admins). Joint statistics let the
-- planner see that, and pick the right plan for a role's holders in each org.
CREATE STATISTICS "org_memberships_org_id_role_stats" (mcv) ON "org_id", "role" FROM "org_memberships";
