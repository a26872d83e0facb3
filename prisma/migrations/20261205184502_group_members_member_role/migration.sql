-- AlterTable
ALTER TABLE "group_members" ADD COLUMN     "member_role" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "group_members_group_id_member_role_user_id_idx" ON "group_members"("group_id", "member_role", "user_id");



-- The trigger that copies org_memberships.role, and the first fill, are in prisma/sql/after-migrations.sql.
