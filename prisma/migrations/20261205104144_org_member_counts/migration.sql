-- CreateTable
CREATE TABLE "org_member_counts" (
    "org_id" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "members" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "org_member_counts_pkey" PRIMARY KEY ("org_id","role")
);

-- AddForeignKey
ALTER TABLE "org_member_counts" ADD CONSTRAINT "org_member_counts_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Its triggers and first fill are in prisma/sql/after-migrations.sql (function bodies).
