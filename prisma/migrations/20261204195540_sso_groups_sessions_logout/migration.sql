-- AlterTable
ALTER TABLE "user_sessions" ADD COLUMN     "sso_sid" TEXT;

-- AlterTable
ALTER TABLE "groups" ADD COLUMN     "idp_group" TEXT,
ADD COLUMN     "idp_group_set_by_id" UUID;

-- AlterTable
ALTER TABLE "sso_connections" ADD COLUMN     "groups_claim" TEXT,
ADD COLUMN     "session_hours" INTEGER;

-- AlterTable
ALTER TABLE "sso_tickets" ADD COLUMN     "sso_sid" TEXT;

-- CreateIndex
CREATE INDEX "user_sessions_sso_org_id_sso_sid_idx" ON "user_sessions"("sso_org_id", "sso_sid");

-- CreateIndex
CREATE UNIQUE INDEX "groups_org_id_idp_group_key" ON "groups"("org_id", "idp_group");

-- AddForeignKey
ALTER TABLE "groups" ADD CONSTRAINT "groups_idp_group_set_by_id_fkey" FOREIGN KEY ("idp_group_set_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A session limit is a number of hours within what the settings offer, and a mapped group names a group.
ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_session_hours_range" CHECK ("session_hours" BETWEEN 1 AND 720);
ALTER TABLE "groups" ADD CONSTRAINT "groups_idp_group_not_blank" CHECK ("idp_group" IS NULL OR length(btrim("idp_group")) > 0);
