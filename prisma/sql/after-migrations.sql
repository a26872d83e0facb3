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

-- Members per org and role (org_member_counts) are counted by statement triggers, so every
-- writer keeps the counts (the console, SCIM, invitations, bulk SQL, cascades from a deleted
-- user) in its own transaction. Each adds its statement's changes per (org, role) with one
-- upsert whose rows are sorted: two transactions lock the same counters in the same order
-- and cannot deadlock on them. The join to organizations skips an org being deleted (its
-- counters go with it).
CREATE OR REPLACE FUNCTION org_member_counts_add(org_ids uuid[], roles text[], deltas int[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO org_member_counts AS c (org_id, role, members)
  SELECT d.org_id, d.role, d.delta
    FROM (SELECT org_id, role, sum(delta)::int AS delta FROM unnest(org_ids, roles, deltas) AS x(org_id, role, delta) GROUP BY 1, 2) d
    JOIN organizations o ON o.id = d.org_id
   WHERE d.delta <> 0
   ORDER BY d.org_id, d.role
  ON CONFLICT (org_id, role) DO UPDATE SET members = c.members + EXCLUDED.members
$$;

CREATE OR REPLACE FUNCTION org_member_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM org_member_counts_add(array_agg(org_id), array_agg(role), array_agg(1)) FROM added;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION org_member_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM org_member_counts_add(array_agg(org_id), array_agg(role), array_agg(-1)) FROM removed;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION org_member_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM org_member_counts_add(array_agg(org_id), array_agg(role), array_agg(delta))
     FROM (SELECT org_id, role, 1 AS delta FROM changed_to UNION ALL SELECT org_id, role, -1 FROM changed_from) both_sides;
  RETURN NULL;
END $$;

-- Replaced, not dropped: dropping would lock org_memberships against reads (every request
-- reads it) while an instance starts; replacing locks out writes only.
CREATE OR REPLACE TRIGGER org_member_counts_insert AFTER INSERT ON "org_memberships"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION org_member_counts_after_insert();
CREATE OR REPLACE TRIGGER org_member_counts_delete AFTER DELETE ON "org_memberships"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION org_member_counts_after_delete();
-- Transition tables allow no column list: every update fires it, and unchanged roles net to 0.
CREATE OR REPLACE TRIGGER org_member_counts_update AFTER UPDATE ON "org_memberships"
  REFERENCING OLD TABLE AS changed_from NEW TABLE AS changed_to FOR EACH STATEMENT EXECUTE FUNCTION org_member_counts_after_update();

-- The first fill, when the counters are new. This file runs as one transaction, and creating
-- the triggers above locks org_memberships against writes until it ends: nothing joins or
-- leaves between the count and the triggers.
INSERT INTO org_member_counts (org_id, role, members)
SELECT org_id, role, count(*)::int FROM org_memberships
 WHERE NOT EXISTS (SELECT 1 FROM org_member_counts)
 GROUP BY org_id, role;


-- Each membership carries its member's name (org_memberships.user_name), so that the members
-- list reads an org's members in name order from one index, whatever the org's size. The
-- name is the user's: copied when a membership is written (whatever the writer put there),
-- and again into every membership of a user whose name changes.

-- The first fill, once: before the triggers exist. Both tables stay locked against writes
-- until this file's transaction ends, so nothing is written between the fill and the
-- triggers; later starts find the trigger and read nothing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'org_memberships_user_name' AND tgrelid = 'org_memberships'::regclass) THEN
    LOCK TABLE org_memberships, users IN SHARE ROW EXCLUSIVE MODE;
    UPDATE org_memberships m SET user_name = u.name FROM users u WHERE u.id = m.user_id AND m.user_name IS DISTINCT FROM u.name;
  END IF;
END $$;

-- FOR SHARE: a rename in flight is waited for and its name read. A plain read would copy the
-- name it replaces, and the rename's own copy (below) cannot see this uncommitted row.
CREATE OR REPLACE FUNCTION org_memberships_copy_user_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT u.name INTO NEW.user_name FROM users u WHERE u.id = NEW.user_id FOR SHARE;
  RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER org_memberships_user_name BEFORE INSERT OR UPDATE OF user_id, user_name ON "org_memberships"
  FOR EACH ROW EXECUTE FUNCTION org_memberships_copy_user_name();

CREATE OR REPLACE FUNCTION users_name_to_memberships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE org_memberships SET user_name = NEW.name WHERE user_id = NEW.id;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER users_name_to_memberships AFTER UPDATE OF name ON "users"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION users_name_to_memberships();

-- Each group membership carries its member's own org role (group_members.member_role), so
-- that the people holding a role only through a group (a group giving it, their own role
-- another) are counted from one index of group_members, not by looking up each member's
-- membership. Copied as the names above are: when a group membership is written, and into
-- every group membership of a member whose role changes.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'group_members_member_role' AND tgrelid = 'group_members'::regclass) THEN
    LOCK TABLE group_members, org_memberships IN SHARE ROW EXCLUSIVE MODE;
    UPDATE group_members gm SET member_role = m.role FROM org_memberships m WHERE m.id = gm.org_membership_id AND gm.member_role IS DISTINCT FROM m.role;
  END IF;
END $$;

-- FOR SHARE, as for the names: a role change in flight is waited for and its role read.
CREATE OR REPLACE FUNCTION group_members_copy_member_role() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT m.role INTO NEW.member_role FROM org_memberships m WHERE m.id = NEW.org_membership_id FOR SHARE;
  RETURN NEW;
END $$;

CREATE OR REPLACE TRIGGER group_members_member_role BEFORE INSERT OR UPDATE OF org_membership_id, member_role ON "group_members"
  FOR EACH ROW EXECUTE FUNCTION group_members_copy_member_role();

CREATE OR REPLACE FUNCTION org_memberships_role_to_group_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE group_members SET member_role = NEW.role WHERE org_membership_id = NEW.id;
  RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER org_memberships_role_to_group_members AFTER UPDATE OF role ON "org_memberships"
  FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role) EXECUTE FUNCTION org_memberships_role_to_group_members();

-- Certificates per project (project_certificate_counts), kept as the member counts are: a
-- statement trigger adds each statement's issued (or cascaded-away) certificates per project
-- in one sorted upsert, in the writing transaction; the join to projects skips a project being
-- deleted. Certificates never change project: a row trigger refuses it rather than count it.
CREATE OR REPLACE FUNCTION project_certificate_counts_add(project_ids uuid[], deltas int[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO project_certificate_counts AS c (project_id, certificates)
  SELECT d.project_id, d.delta
    FROM (SELECT project_id, sum(delta)::int AS delta FROM unnest(project_ids, deltas) AS x(project_id, delta) GROUP BY 1) d
    JOIN projects p ON p.id = d.project_id
   WHERE d.delta <> 0
   ORDER BY d.project_id
  ON CONFLICT (project_id) DO UPDATE SET certificates = c.certificates + EXCLUDED.certificates
$$;

CREATE OR REPLACE FUNCTION project_certificate_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM project_certificate_counts_add(array_agg(project_id), array_agg(1)) FROM issued;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION project_certificate_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM project_certificate_counts_add(array_agg(project_id), array_agg(-1)) FROM removed;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION certificates_stay_in_their_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a certificate never moves to another project';
END $$;

CREATE OR REPLACE TRIGGER project_certificate_counts_insert AFTER INSERT ON "certificates"
  REFERENCING NEW TABLE AS issued FOR EACH STATEMENT EXECUTE FUNCTION project_certificate_counts_after_insert();
CREATE OR REPLACE TRIGGER project_certificate_counts_delete AFTER DELETE ON "certificates"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION project_certificate_counts_after_delete();
CREATE OR REPLACE TRIGGER certificates_stay_in_their_project BEFORE UPDATE OF project_id ON "certificates"
  FOR EACH ROW WHEN (OLD.project_id IS DISTINCT FROM NEW.project_id) EXECUTE FUNCTION certificates_stay_in_their_project();

-- The first fill, when the counts are new (the triggers' creation above locks certificates
-- against writes until this file's transaction ends).
INSERT INTO project_certificate_counts (project_id, certificates)
SELECT project_id, count(*)::int FROM certificates
 WHERE NOT EXISTS (SELECT 1 FROM project_certificate_counts)
 GROUP BY project_id;
