-- AlterTable
ALTER TABLE "organizations" ADD COLUMN     "billing_address" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "billing_company" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "billing_email" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "billing_tax_id" TEXT NOT NULL DEFAULT '',
ALTER COLUMN "seat_limit" DROP NOT NULL,
ALTER COLUMN "seat_limit" DROP DEFAULT;


-- Orgs still on the old default follow their plan from now on
UPDATE "organizations" SET "seat_limit" = NULL WHERE "plan" = 'FREE' AND "seat_limit" = 5;
