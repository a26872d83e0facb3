-- AlterTable
ALTER TABLE "project_role_grants" ADD COLUMN     "expiry_recorded_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "project_role_grants_expires_at_idx" ON "project_role_grants"("expires_at");

