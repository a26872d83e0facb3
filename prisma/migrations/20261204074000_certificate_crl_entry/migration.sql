-- AlterTable
ALTER TABLE "certificates" ADD COLUMN     "crl_entry" BYTEA;
