-- Which revocations a signed CRL lists. Revocations made before this were listed, or their
-- CA was marked due (crl_next_update), which the sweep still honours.
ALTER TABLE "certificates" ADD COLUMN "crl_listed" BOOLEAN NOT NULL DEFAULT false;
UPDATE "certificates" SET "crl_listed" = true WHERE "revoked_at" IS NOT NULL;
CREATE INDEX "certificates_unlisted_revocations_idx" ON "certificates" ("ca_id") WHERE "revoked_at" IS NOT NULL AND NOT "crl_listed";
