-- CreateTable
CREATE TABLE "certificate_profiles" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "ca_id" UUID NOT NULL,
    "allowed_names" TEXT[],
    "allow_wildcards" BOOLEAN NOT NULL DEFAULT false,
    "allow_ip_addresses" BOOLEAN NOT NULL DEFAULT false,
    "key_algorithms" TEXT[],
    "key_usages" TEXT[],
    "extended_key_usages" TEXT[],
    "max_validity_days" INTEGER NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "certificate_profiles_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "certificate_profiles_ca_id_idx" ON "certificate_profiles"("ca_id");

-- CreateIndex
CREATE UNIQUE INDEX "certificate_profiles_project_id_name_key" ON "certificate_profiles"("project_id", "name");

-- Certificates issued before profiles existed: each CA that signed any gets one profile named
-- after it that allows what the console allowed then, so every certificate has a profile
ALTER TABLE "certificates" ADD COLUMN "profile_id" UUID;

INSERT INTO "certificate_profiles" ("id", "project_id", "name", "description", "ca_id", "allowed_names", "allow_wildcards", "allow_ip_addresses",
  "key_algorithms", "key_usages", "extended_key_usages", "max_validity_days", "updated_at")
SELECT gen_random_uuid(), ca."project_id", ca."name", 'Made for the certificates issued before profiles existed.', ca."id", ARRAY['*'], true, true,
  ARRAY['EC_P256', 'EC_P384', 'RSA_2048', 'RSA_4096', 'ED25519'],
  ARRAY['digitalSignature', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'nonRepudiation'],
  ARRAY['serverAuth', 'clientAuth', 'codeSigning', 'emailProtection', 'timeStamping', 'ocspSigning'], 3650, CURRENT_TIMESTAMP
FROM "certificate_authorities" ca
WHERE EXISTS (SELECT 1 FROM "certificates" c WHERE c."ca_id" = ca."id");

UPDATE "certificates" c SET "profile_id" = p."id" FROM "certificate_profiles" p WHERE p."ca_id" = c."ca_id";

ALTER TABLE "certificates" ALTER COLUMN "profile_id" SET NOT NULL;

-- CreateIndex
CREATE INDEX "certificates_profile_id_idx" ON "certificates"("profile_id");

-- AddForeignKey
ALTER TABLE "certificate_profiles" ADD CONSTRAINT "certificate_profiles_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificate_profiles" ADD CONSTRAINT "certificate_profiles_ca_id_fkey" FOREIGN KEY ("ca_id") REFERENCES "certificate_authorities"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_profile_id_fkey" FOREIGN KEY ("profile_id") REFERENCES "certificate_profiles"("id") ON DELETE NO ACTION ON UPDATE CASCADE;


ALTER TABLE "certificate_profiles"
  ADD CONSTRAINT "certificate_profiles_name_length" CHECK (char_length("name") BETWEEN 1 AND 64),
  ADD CONSTRAINT "certificate_profiles_max_validity" CHECK ("max_validity_days" BETWEEN 1 AND 3650),
  ADD CONSTRAINT "certificate_profiles_allowed_names" CHECK (cardinality("allowed_names") BETWEEN 1 AND 50),
  ADD CONSTRAINT "certificate_profiles_key_algorithms" CHECK (cardinality("key_algorithms") >= 1),
  ADD CONSTRAINT "certificate_profiles_key_usages" CHECK (cardinality("key_usages") >= 1),
  ADD CONSTRAINT "certificate_profiles_extended_key_usages" CHECK (cardinality("extended_key_usages") >= 1);
