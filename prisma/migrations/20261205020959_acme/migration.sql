-- CreateTable
CREATE TABLE "acme_eab_keys" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "profile_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "hmac_key_sealed" BYTEA NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "acme_eab_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "acme_accounts" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "profile_id" UUID NOT NULL,
    "eab_key_id" UUID NOT NULL,
    "key_thumbprint" TEXT NOT NULL,
    "jwk" JSONB NOT NULL,
    "contact" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" TEXT NOT NULL DEFAULT 'valid',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deactivated_at" TIMESTAMPTZ(3),

    CONSTRAINT "acme_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "acme_orders" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "identifiers" JSONB NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "certificate_id" UUID,
    "error" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "acme_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "acme_authorizations" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "identifier_type" TEXT NOT NULL,
    "identifier_value" TEXT NOT NULL,
    "wildcard" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "acme_authorizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "acme_challenges" (
    "id" UUID NOT NULL,
    "authorization_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "started_at" TIMESTAMPTZ(3),
    "validated_at" TIMESTAMPTZ(3),
    "error" JSONB,

    CONSTRAINT "acme_challenges_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "acme_nonces" (
    "value" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "acme_nonces_pkey" PRIMARY KEY ("value")
);

-- CreateIndex
CREATE INDEX "acme_eab_keys_profile_id_created_at_idx" ON "acme_eab_keys"("profile_id", "created_at");

-- CreateIndex
CREATE INDEX "acme_accounts_eab_key_id_idx" ON "acme_accounts"("eab_key_id");

-- CreateIndex
CREATE UNIQUE INDEX "acme_accounts_profile_id_key_thumbprint_key" ON "acme_accounts"("profile_id", "key_thumbprint");

-- CreateIndex
CREATE INDEX "acme_orders_account_id_created_at_idx" ON "acme_orders"("account_id", "created_at");

-- CreateIndex
CREATE INDEX "acme_authorizations_order_id_idx" ON "acme_authorizations"("order_id");

-- CreateIndex
CREATE INDEX "acme_challenges_authorization_id_idx" ON "acme_challenges"("authorization_id");

-- CreateIndex
CREATE INDEX "acme_challenges_status_started_at_idx" ON "acme_challenges"("status", "started_at");

-- CreateIndex
CREATE INDEX "acme_nonces_expires_at_idx" ON "acme_nonces"("expires_at");

-- AddForeignKey
ALTER TABLE "acme_eab_keys" ADD CONSTRAINT "acme_eab_keys_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "certificate_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "acme_accounts" ADD CONSTRAINT "acme_accounts_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "certificate_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "acme_accounts" ADD CONSTRAINT "acme_accounts_eab_key_id_fkey" FOREIGN KEY ("eab_key_id") REFERENCES "acme_eab_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "acme_orders" ADD CONSTRAINT "acme_orders_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "acme_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "acme_authorizations" ADD CONSTRAINT "acme_authorizations_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "acme_orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "acme_challenges" ADD CONSTRAINT "acme_challenges_authorization_id_fkey" FOREIGN KEY ("authorization_id") REFERENCES "acme_authorizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;


ALTER TABLE "acme_accounts" ADD CONSTRAINT "acme_accounts_status" CHECK ("status" IN ('valid', 'deactivated'));
ALTER TABLE "acme_orders" ADD CONSTRAINT "acme_orders_status" CHECK ("status" IN ('pending', 'ready', 'processing', 'valid', 'invalid'));
ALTER TABLE "acme_authorizations" ADD CONSTRAINT "acme_authorizations_status" CHECK ("status" IN ('pending', 'valid', 'invalid', 'deactivated'));
ALTER TABLE "acme_challenges"
  ADD CONSTRAINT "acme_challenges_status" CHECK ("status" IN ('pending', 'processing', 'valid', 'invalid')),
  ADD CONSTRAINT "acme_challenges_type" CHECK ("type" IN ('http-01', 'dns-01'));
ALTER TABLE "acme_eab_keys" ADD CONSTRAINT "acme_eab_keys_name_length" CHECK (char_length("name") BETWEEN 1 AND 64);
