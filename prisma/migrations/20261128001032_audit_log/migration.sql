-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "audit_retention_days" INTEGER;

-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "ip" TEXT,
ADD COLUMN     "project_id" UUID,
ADD COLUMN     "user_agent" TEXT;

-- CreateIndex
CREATE INDEX "audit_events_org_id_action_created_at_id_idx" ON "audit_events"("org_id", "action", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_org_id_actor_id_created_at_id_idx" ON "audit_events"("org_id", "actor_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_org_id_target_id_created_at_id_idx" ON "audit_events"("org_id", "target_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "audit_events_project_id_created_at_id_idx" ON "audit_events"("project_id", "created_at" DESC, "id" DESC);


-- Retention, when set, is at least a day.
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_audit_retention_days_positive"
  CHECK ("audit_retention_days" IS NULL OR "audit_retention_days" >= 1);

-- The append-only trigger on audit_events is in prisma/sql/after-migrations.sql: Prisma
-- splits migration files at every semicolon, which a PL/pgSQL body cannot survive.
