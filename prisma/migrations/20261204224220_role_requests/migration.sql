-- CreateEnum
CREATE TYPE "RoleRequestStatus" AS ENUM ('PENDING', 'REJECTED', 'CANCELLED', 'ACTIVE', 'ENDED');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('APPROVE', 'REJECT');

-- CreateTable
CREATE TABLE "role_policies" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "roles" TEXT[],
    "required_approvals" INTEGER NOT NULL,
    "approver_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "approver_group_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "approver_role" TEXT,
    "max_duration_minutes" INTEGER NOT NULL,
    "break_glass_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "role_policies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_requests" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "requester_id" UUID,
    "role" TEXT NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "RoleRequestStatus" NOT NULL,
    "policy_name" TEXT NOT NULL,
    "required_approvals" INTEGER NOT NULL,
    "approver_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "approver_group_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "approver_role" TEXT,
    "break_glass" BOOLEAN NOT NULL DEFAULT false,
    "granted_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "ended_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "role_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_request_decisions" (
    "id" UUID NOT NULL,
    "request_id" UUID NOT NULL,
    "approver_id" UUID,
    "decision" "ApprovalDecision" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_request_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "role_policies_project_id_name_key" ON "role_policies"("project_id", "name");

-- CreateIndex
CREATE INDEX "role_requests_project_id_created_at_id_idx" ON "role_requests"("project_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "role_requests_requester_id_created_at_idx" ON "role_requests"("requester_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "role_request_decisions_request_id_approver_id_key" ON "role_request_decisions"("request_id", "approver_id");

-- AddForeignKey
ALTER TABLE "role_policies" ADD CONSTRAINT "role_policies_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_requests" ADD CONSTRAINT "role_requests_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_requests" ADD CONSTRAINT "role_requests_requester_id_fkey" FOREIGN KEY ("requester_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_requests" ADD CONSTRAINT "role_requests_ended_by_id_fkey" FOREIGN KEY ("ended_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_request_decisions" ADD CONSTRAINT "role_request_decisions_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "role_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_request_decisions" ADD CONSTRAINT "role_request_decisions_approver_id_fkey" FOREIGN KEY ("approver_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- One request waiting per person and project: a second is refused, not queued.
CREATE UNIQUE INDEX "role_requests_one_pending_idx" ON "role_requests"("project_id", "requester_id") WHERE "status" = 'PENDING';

-- The expiry sweep claims active requests whose time has come.
CREATE INDEX "role_requests_active_idx" ON "role_requests"("expires_at") WHERE "status" = 'ACTIVE';

ALTER TABLE "role_policies" ADD CONSTRAINT "role_policies_limits" CHECK ("required_approvals" BETWEEN 1 AND 10 AND "max_duration_minutes" > 0 AND cardinality("roles") > 0);
ALTER TABLE "role_requests" ADD CONSTRAINT "role_requests_limits" CHECK ("duration_minutes" > 0 AND "required_approvals" BETWEEN 0 AND 10);
