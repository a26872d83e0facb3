-- A PKI project is deleted with its CAs and certificates: the links between them are checked
-- at the end of the statement (NO ACTION), after the project's cascades, not at each row.
-- Deleting one CA that still signed something is refused by lib/pki (and by these keys).

-- DropForeignKey
ALTER TABLE "certificate_authorities" DROP CONSTRAINT "certificate_authorities_parent_id_fkey";

-- DropForeignKey
ALTER TABLE "certificates" DROP CONSTRAINT "certificates_ca_id_fkey";

-- AddForeignKey
ALTER TABLE "certificate_authorities" ADD CONSTRAINT "certificate_authorities_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "certificate_authorities"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_ca_id_fkey" FOREIGN KEY ("ca_id") REFERENCES "certificate_authorities"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

