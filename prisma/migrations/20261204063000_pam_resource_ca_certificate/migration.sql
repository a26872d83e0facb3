-- AlterTable
ALTER TABLE "pam_resources" ADD COLUMN     "ca_certificate" TEXT;
