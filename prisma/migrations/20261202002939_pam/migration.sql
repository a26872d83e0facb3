-- CreateEnum
CREATE TYPE "PamTlsMode" AS ENUM ('DISABLE', 'REQUIRE', 'VERIFY_FULL');

-- CreateEnum
CREATE TYPE "PamRequestStatus" AS ENUM ('PENDING', 'REJECTED', 'CANCELLED', 'ACTIVE', 'EXPIRED', 'REVOKED');

-- CreateEnum
CREATE TYPE "PamDecision" AS ENUM ('APPROVE', 'REJECT');

-- CreateTable
CREATE TABLE "pam_resources" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "database" TEXT NOT NULL,
    "tls_mode" "PamTlsMode" NOT NULL,
    "broker_user" TEXT NOT NULL,
    "sealed_broker_password" BYTEA NOT NULL,
    "checked_at" TIMESTAMPTZ(3),
    "check_problems" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pam_resources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pam_accounts" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "resource_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "folder_path" TEXT NOT NULL DEFAULT '/',
    "max_duration_minutes" INTEGER NOT NULL,
    "reason_required" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pam_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pam_policies" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "resource_glob" TEXT NOT NULL,
    "account_glob" TEXT NOT NULL,
    "required_approvals" INTEGER NOT NULL,
    "approver_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "approver_role" TEXT,
    "max_duration_minutes" INTEGER NOT NULL,
    "break_glass_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pam_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pam_access_requests" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "requester_id" UUID,
    "duration_minutes" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "PamRequestStatus" NOT NULL,
    "policy_name" TEXT NOT NULL,
    "required_approvals" INTEGER NOT NULL,
    "approver_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "approver_role" TEXT,
    "break_glass" BOOLEAN NOT NULL DEFAULT false,
    "login_role" TEXT,
    "sealed_password" BYTEA,
    "credentials_shown_at" TIMESTAMPTZ(3),
    "granted_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "end_requested_at" TIMESTAMPTZ(3),
    "revoked_by_id" UUID,
    "ended_at" TIMESTAMPTZ(3),
    "teardown_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pam_access_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pam_approvals" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "approver_id" UUID,
    "decision" "PamDecision" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pam_approvals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pam_sessions" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "pid" INTEGER NOT NULL,
    "backend_start" TIMESTAMPTZ(3) NOT NULL,
    "client_address" TEXT,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "gone_at" TIMESTAMPTZ(3),

    CONSTRAINT "pam_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "pam_resources_project_id_name_key" ON "pam_resources"("project_id", "name");

-- CreateIndex
CREATE INDEX "pam_accounts_project_id_folder_path_name_idx" ON "pam_accounts"("project_id", "folder_path", "name");

-- CreateIndex
CREATE UNIQUE INDEX "pam_accounts_resource_id_name_key" ON "pam_accounts"("resource_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "pam_policies_project_id_name_key" ON "pam_policies"("project_id", "name");

-- CreateIndex
CREATE INDEX "pam_access_requests_project_id_status_created_at_idx" ON "pam_access_requests"("project_id", "status", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "pam_approvals_request_id_approver_id_key" ON "pam_approvals"("request_id", "approver_id");

-- CreateIndex
CREATE UNIQUE INDEX "pam_sessions_request_id_pid_backend_start_key" ON "pam_sessions"("request_id", "pid", "backend_start");

-- AddForeignKey
ALTER TABLE "pam_resources" ADD CONSTRAINT "pam_resources_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pam_accounts" ADD CONSTRAINT "pam_accounts_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pam_accounts" ADD CONSTRAINT "pam_accounts_resource_id_fkey" FOREIGN KEY ("resource_id") REFERENCES "pam_resources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pam_policies" ADD CONSTRAINT "pam_policies_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pam_access_requests" ADD CONSTRAINT "pam_access_requests_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pam_access_requests" ADD CONSTRAINT "pam_access_requests_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "pam_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pam_access_requests" ADD CONSTRAINT "pam_access_requests_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pam_access_requests" ADD CONSTRAINT "pam_access_requests_revoked_by_id_fkey" FOREIGN KEY ("revoked_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pam_approvals" ADD CONSTRAINT "pam_approvals_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "pam_access_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pam_approvals" ADD CONSTRAINT "pam_approvals_approver_id_fkey" FOREIGN KEY ("approver_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pam_sessions" ADD CONSTRAINT "pam_sessions_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "pam_access_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- What the domain checks, held by the database too
ALTER TABLE "pam_resources" ADD CONSTRAINT "pam_resources_port_check" CHECK ("port" BETWEEN 1 AND 65535);
ALTER TABLE "pam_accounts" ADD CONSTRAINT "pam_accounts_max_duration_check" CHECK ("max_duration_minutes" > 0);
ALTER TABLE "pam_policies" ADD CONSTRAINT "pam_policies_required_approvals_check" CHECK ("required_approvals" >= 1);
ALTER TABLE "pam_policies" ADD CONSTRAINT "pam_policies_max_duration_check" CHECK ("max_duration_minutes" > 0);
ALTER TABLE "pam_access_requests" ADD CONSTRAINT "pam_access_requests_duration_check" CHECK ("duration_minutes" > 0);
ALTER TABLE "pam_access_requests" ADD CONSTRAINT "pam_access_requests_grant_check" CHECK ("status" NOT IN ('ACTIVE', 'EXPIRED', 'REVOKED') OR ("login_role" IS NOT NULL AND "granted_at" IS NOT NULL AND "expires_at" IS NOT NULL));
-- A password is kept sealed only while the grant is active and not yet shown
ALTER TABLE "pam_access_requests" ADD CONSTRAINT "pam_access_requests_password_check" CHECK ("sealed_password" IS NULL OR ("status" = 'ACTIVE' AND "credentials_shown_at" IS NULL));
CREATE INDEX "pam_access_requests_live_idx" ON "pam_access_requests" ("expires_at") WHERE "status" = 'ACTIVE';
