-- CreateEnum
CREATE TYPE "CaKind" AS ENUM ('ROOT', 'INTERMEDIATE');

-- CreateEnum
CREATE TYPE "CaStatus" AS ENUM ('PENDING', 'ACTIVE', 'DISABLED');

-- CreateTable
CREATE TABLE "certificate_authorities" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "CaKind" NOT NULL,
    "status" "CaStatus" NOT NULL,
    "parent_id" UUID,
    "subject" TEXT NOT NULL,
    "key_algorithm" TEXT NOT NULL,
    "sealed_private_key" BYTEA NOT NULL,
    "certificate" BYTEA,
    "csr" BYTEA,
    "external_chain" TEXT,
    "serial_number" TEXT,
    "not_before" TIMESTAMPTZ(3),
    "not_after" TIMESTAMPTZ(3),
    "max_path_length" INTEGER,
    "permitted_dns_names" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "excluded_dns_names" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "permitted_ip_ranges" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "excluded_ip_ranges" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "crl_number" INTEGER NOT NULL DEFAULT 0,
    "crl" BYTEA,
    "crl_this_update" TIMESTAMPTZ(3),
    "crl_next_update" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "certificate_authorities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "certificates" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "ca_id" UUID NOT NULL,
    "serial_number" TEXT NOT NULL,
    "common_name" TEXT NOT NULL,
    "dns_names" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "ip_addresses" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "email_addresses" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "key_usages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "extended_key_usages" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "key_algorithm" TEXT NOT NULL,
    "not_before" TIMESTAMPTZ(3) NOT NULL,
    "not_after" TIMESTAMPTZ(3) NOT NULL,
    "certificate" BYTEA NOT NULL,
    "sealed_private_key" BYTEA,
    "revoked_at" TIMESTAMPTZ(3),
    "revocation_reason" TEXT,
    "renewed_from_id" UUID,
    "issued_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "certificates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "certificate_authorities_crl_next_update_idx" ON "certificate_authorities"("crl_next_update");

-- CreateIndex
CREATE UNIQUE INDEX "certificate_authorities_project_id_name_key" ON "certificate_authorities"("project_id", "name");

-- CreateIndex
CREATE INDEX "certificates_project_id_created_at_id_idx" ON "certificates"("project_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "certificates_ca_id_revoked_at_idx" ON "certificates"("ca_id", "revoked_at");

-- CreateIndex
CREATE UNIQUE INDEX "certificates_ca_id_serial_number_key" ON "certificates"("ca_id", "serial_number");

-- AddForeignKey
ALTER TABLE "certificate_authorities" ADD CONSTRAINT "certificate_authorities_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate_authorities" ADD CONSTRAINT "certificate_authorities_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "certificate_authorities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_ca_id_fkey" FOREIGN KEY ("ca_id") REFERENCES "certificate_authorities"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A CA waits for its certificate only while PENDING, and path lengths and CRL numbers are never negative.
ALTER TABLE "certificate_authorities" ADD CONSTRAINT "certificate_authorities_pending_has_no_certificate"
  CHECK (("status" = 'PENDING') = ("certificate" IS NULL));
ALTER TABLE "certificate_authorities" ADD CONSTRAINT "certificate_authorities_max_path_length_non_negative"
  CHECK ("max_path_length" IS NULL OR "max_path_length" >= 0);
ALTER TABLE "certificate_authorities" ADD CONSTRAINT "certificate_authorities_crl_number_non_negative"
  CHECK ("crl_number" >= 0);
-- A revoked certificate always says why.
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_revocation_has_reason"
  CHECK (("revoked_at" IS NULL) = ("revocation_reason" IS NULL));

-- The placeholder catalogue had `certificate-authority:issue`, and issuing is now
-- `certificate:issue` (conditions on caName) and signing intermediates
-- `certificate-authority:issue-intermediate`. Custom roles lose the old action (an unknown
-- action would void the whole role): rules left with no action go, and the version moves so
-- every instance reloads them.
UPDATE "custom_roles" r
   SET "permissions" = COALESCE((
         SELECT jsonb_agg(CASE WHEN rule->>'subject' = 'certificate-authority'
                               THEN jsonb_set(rule, '{actions}', COALESCE((SELECT jsonb_agg(a) FROM jsonb_array_elements(rule->'actions') a WHERE a <> '"issue"'::jsonb), '[]'::jsonb))
                               ELSE rule END)
           FROM jsonb_array_elements(r."permissions") rule
          WHERE NOT (rule->>'subject' = 'certificate-authority' AND rule->'actions' = '["issue"]'::jsonb)), '[]'::jsonb),
       "version" = r."version" + 1
 WHERE r."permissions" @> '[{"subject": "certificate-authority", "actions": ["issue"]}]'::jsonb;
