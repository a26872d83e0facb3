-- CreateEnum
CREATE TYPE "PrincipalKind" AS ENUM ('PERSON', 'IDENTITY');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "kind" "PrincipalKind" NOT NULL DEFAULT 'PERSON';

-- CreateTable
CREATE TABLE "machine_identities" (
    "user_id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "delete_protection" BOOLEAN NOT NULL DEFAULT false,
    "created_by_id" UUID,
    "client_id" UUID NOT NULL,
    "access_token_ttl_seconds" INTEGER NOT NULL DEFAULT 7200,
    "access_token_max_ttl_seconds" INTEGER NOT NULL DEFAULT 2592000,
    "access_token_max_uses" INTEGER NOT NULL DEFAULT 0,
    "login_trusted_ips" TEXT[] DEFAULT ARRAY['0.0.0.0/0', '::/0']::TEXT[],
    "token_trusted_ips" TEXT[] DEFAULT ARRAY['0.0.0.0/0', '::/0']::TEXT[],
    "lockout_threshold" INTEGER NOT NULL DEFAULT 5,
    "lockout_seconds" INTEGER NOT NULL DEFAULT 300,
    "failed_logins" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "machine_identities_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "identity_client_secrets" (
    "id" UUID NOT NULL,
    "identity_id" UUID NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "secret_hash" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "max_uses" INTEGER NOT NULL DEFAULT 0,
    "use_count" INTEGER NOT NULL DEFAULT 0,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identity_client_secrets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity_access_tokens" (
    "id" UUID NOT NULL,
    "identity_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "max_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "max_uses" INTEGER NOT NULL DEFAULT 0,
    "use_count" INTEGER NOT NULL DEFAULT 0,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identity_access_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "machine_identities_client_id_key" ON "machine_identities"("client_id");

-- CreateIndex
CREATE INDEX "machine_identities_org_id_idx" ON "machine_identities"("org_id");

-- CreateIndex
CREATE UNIQUE INDEX "identity_client_secrets_secret_hash_key" ON "identity_client_secrets"("secret_hash");

-- CreateIndex
CREATE INDEX "identity_client_secrets_identity_id_idx" ON "identity_client_secrets"("identity_id");

-- CreateIndex
CREATE UNIQUE INDEX "identity_access_tokens_token_hash_key" ON "identity_access_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "identity_access_tokens_identity_id_idx" ON "identity_access_tokens"("identity_id");

-- AddForeignKey
ALTER TABLE "machine_identities" ADD CONSTRAINT "machine_identities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "machine_identities" ADD CONSTRAINT "machine_identities_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "machine_identities" ADD CONSTRAINT "machine_identities_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity_client_secrets" ADD CONSTRAINT "identity_client_secrets_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "machine_identities"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity_access_tokens" ADD CONSTRAINT "identity_access_tokens_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "machine_identities"("user_id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Written by hand: what Prisma cannot express.
ALTER TABLE "machine_identities"
  ADD CONSTRAINT "machine_identities_token_ttls_check"
    CHECK ("access_token_ttl_seconds" > 0 AND "access_token_max_ttl_seconds" >= "access_token_ttl_seconds"),
  ADD CONSTRAINT "machine_identities_counts_check"
    CHECK ("access_token_max_uses" >= 0 AND "lockout_threshold" >= 0 AND "lockout_seconds" >= 0 AND "failed_logins" >= 0);
ALTER TABLE "identity_client_secrets" ADD CONSTRAINT "identity_client_secrets_uses_check" CHECK ("max_uses" >= 0 AND "use_count" >= 0);
ALTER TABLE "identity_access_tokens" ADD CONSTRAINT "identity_access_tokens_uses_check" CHECK ("max_uses" >= 0 AND "use_count" >= 0);
