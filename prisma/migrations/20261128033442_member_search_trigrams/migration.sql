-- Member search matches any part of a name or email (ILIKE '%…%'), which a b-tree cannot
-- serve. Trigram indexes can, so a search in a 10,000-member org reads a handful of rows.
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: a database owner may
-- create it. Written by hand: Prisma's schema does not describe these indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS "users_name_trgm_idx" ON "users" USING gin ("name" gin_trgm_ops);
CREATE INDEX IF NOT EXISTS "users_email_trgm_idx" ON "users" USING gin ("email" gin_trgm_ops);
