-- AlterTable
ALTER TABLE "pam_policies" ADD COLUMN     "created_by_id" UUID;

