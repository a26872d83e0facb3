-- Applied after every `migrate deploy` (scripts/lib/migrate.ts), and safe to apply again.
-- It holds what Prisma's migration runner cannot: it splits files at every semicolon,
-- which PL/pgSQL bodies do not survive.

-- Audit events are never updated. The one exception is the actor becoming null when
-- their account is deleted (the foreign key's ON DELETE SET NULL).
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.actor_id IS NULL AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit events are never updated';
END
$$;

DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
