-- AlterTable
ALTER TABLE "user_sessions" ADD COLUMN     "sso_org_id" UUID;

-- CreateTable
CREATE TABLE "sso_connections" (
    "org_id" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "client_secret_sealed" BYTEA NOT NULL,
    "allowed_domains" TEXT[],
    "default_role" TEXT NOT NULL DEFAULT 'member',
    "tested_at" TIMESTAMPTZ(3),
    "tested_by_id" UUID,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sso_connections_pkey" PRIMARY KEY ("org_id")
);

-- CreateTable
CREATE TABLE "sso_identities" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_sign_in_at" TIMESTAMPTZ(3),

    CONSTRAINT "sso_identities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sso_logins" (
    "state" TEXT NOT NULL,
    "org_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "user_id" UUID,
    "code_verifier" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "config_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sso_logins_pkey" PRIMARY KEY ("state")
);

-- CreateTable
CREATE TABLE "sso_tickets" (
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sso_tickets_pkey" PRIMARY KEY ("token_hash")
);

-- CreateIndex
CREATE INDEX "sso_identities_user_id_idx" ON "sso_identities"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "sso_identities_issuer_subject_key" ON "sso_identities"("issuer", "subject");

-- CreateIndex
CREATE INDEX "sso_logins_expires_at_idx" ON "sso_logins"("expires_at");

-- AddForeignKey
ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sso_identities" ADD CONSTRAINT "sso_identities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Constraints Prisma cannot express.
ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_default_role_check" CHECK ("default_role" IN ('member', 'no-access'));
ALTER TABLE "sso_logins" ADD CONSTRAINT "sso_logins_purpose_check" CHECK ("purpose" IN ('sign-in', 'test'));
ALTER TABLE "sso_identities" ADD CONSTRAINT "sso_identities_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE;
ALTER TABLE "sso_logins" ADD CONSTRAINT "sso_logins_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE;
ALTER TABLE "sso_tickets" ADD CONSTRAINT "sso_tickets_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE;
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_sso_org_id_fkey" FOREIGN KEY ("sso_org_id") REFERENCES "organizations"("id") ON DELETE SET NULL;
