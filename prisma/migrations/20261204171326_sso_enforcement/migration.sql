-- AlterTable
ALTER TABLE "sso_connections" ADD COLUMN     "enforced" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "sso_break_glass" (
    "session_id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sso_break_glass_pkey" PRIMARY KEY ("session_id","org_id")
);


-- Constraints Prisma cannot express.
ALTER TABLE "sso_break_glass" ADD CONSTRAINT "sso_break_glass_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "user_sessions"("id") ON DELETE CASCADE;
ALTER TABLE "sso_break_glass" ADD CONSTRAINT "sso_break_glass_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE;
-- Enforced only while active: turning single sign-on off stops enforcing it.
ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_enforced_needs_active" CHECK (NOT "enforced" OR "active");
