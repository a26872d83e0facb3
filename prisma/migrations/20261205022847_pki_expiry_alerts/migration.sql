-- CreateTable
CREATE TABLE "pki_expiry_alerts" (
    "project_id" UUID NOT NULL,
    "thresholds" INTEGER[],
    "recipient_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "group_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pki_expiry_alerts_pkey" PRIMARY KEY ("project_id")
);

-- CreateTable
CREATE TABLE "pki_expiry_notices" (
    "subject_id" UUID NOT NULL,
    "threshold_days" INTEGER NOT NULL,
    "project_id" UUID NOT NULL,
    "subject_type" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pki_expiry_notices_pkey" PRIMARY KEY ("subject_id","threshold_days")
);

-- CreateIndex
CREATE INDEX "pki_expiry_notices_project_id_idx" ON "pki_expiry_notices"("project_id");

-- AddForeignKey
ALTER TABLE "pki_expiry_alerts" ADD CONSTRAINT "pki_expiry_alerts_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pki_expiry_notices" ADD CONSTRAINT "pki_expiry_notices_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "pki_expiry_alerts" ADD CONSTRAINT "pki_expiry_alerts_thresholds" CHECK (cardinality("thresholds") BETWEEN 1 AND 5 AND 0 < ALL ("thresholds") AND 366 > ALL ("thresholds"));
ALTER TABLE "pki_expiry_notices" ADD CONSTRAINT "pki_expiry_notices_subject_type" CHECK ("subject_type" IN ('certificate', 'ca'));

-- The sweep reads a project's live certificates by their end
CREATE INDEX "certificates_live_by_end_idx" ON "certificates" ("project_id", "not_after") WHERE "revoked_at" IS NULL;
