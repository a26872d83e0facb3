-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "actor_label" TEXT,
ADD COLUMN     "summary" TEXT,
ADD COLUMN     "target_label" TEXT;

