-- AlterTable
ALTER TABLE "org_memberships" ADD COLUMN     "user_name" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "org_memberships_org_id_user_name_user_id_idx" ON "org_memberships"("org_id", "user_name", "user_id");


-- The triggers that copy users.name, and the first fill, are in prisma/sql/after-migrations.sql.
