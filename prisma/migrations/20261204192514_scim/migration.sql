-- AlterTable
ALTER TABLE "org_memberships" ADD COLUMN     "deactivated_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "groups" ADD COLUMN     "scim_external_id" TEXT,
ADD COLUMN     "scim_managed" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "scim_tokens" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "scim_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scim_users" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "org_membership_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "user_name" TEXT NOT NULL,
    "user_name_key" TEXT NOT NULL,
    "external_id" TEXT,
    "given_name" TEXT NOT NULL DEFAULT '',
    "family_name" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL,
    "created_account" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "scim_users_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "scim_tokens_token_hash_key" ON "scim_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "scim_tokens_org_id_created_at_idx" ON "scim_tokens"("org_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "scim_users_org_membership_id_key" ON "scim_users"("org_membership_id");

-- CreateIndex
CREATE INDEX "scim_users_org_id_email_idx" ON "scim_users"("org_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "scim_users_org_id_user_name_key_key" ON "scim_users"("org_id", "user_name_key");

-- CreateIndex
CREATE UNIQUE INDEX "scim_users_org_id_external_id_key" ON "scim_users"("org_id", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "scim_users_org_id_user_id_key" ON "scim_users"("org_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "groups_org_id_scim_external_id_key" ON "groups"("org_id", "scim_external_id");

-- AddForeignKey
ALTER TABLE "scim_tokens" ADD CONSTRAINT "scim_tokens_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scim_tokens" ADD CONSTRAINT "scim_tokens_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scim_users" ADD CONSTRAINT "scim_users_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scim_users" ADD CONSTRAINT "scim_users_org_membership_id_fkey" FOREIGN KEY ("org_membership_id") REFERENCES "org_memberships"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "scim_users" ADD CONSTRAINT "scim_users_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Uniqueness and filters use the lower-case copy, which must be exactly that.
ALTER TABLE "scim_users" ADD CONSTRAINT "scim_users_user_name_key_lower" CHECK ("user_name_key" = lower("user_name"));
