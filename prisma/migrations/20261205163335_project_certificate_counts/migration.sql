-- CreateTable
CREATE TABLE "project_certificate_counts" (
    "project_id" UUID NOT NULL,
    "certificates" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "project_certificate_counts_pkey" PRIMARY KEY ("project_id")
);

-- AddForeignKey
ALTER TABLE "project_certificate_counts" ADD CONSTRAINT "project_certificate_counts_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Its triggers and first fill are in prisma/sql/after-migrations.sql (function bodies).
