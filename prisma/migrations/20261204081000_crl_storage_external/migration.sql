-- A CRL is stored as it is (out of line, not compressed): it is signed DER that is mostly
-- serial numbers, and compressing 640 KiB on every revocation cost more than it saved.
ALTER TABLE "certificate_authorities" ALTER COLUMN "crl" SET STORAGE EXTERNAL;
