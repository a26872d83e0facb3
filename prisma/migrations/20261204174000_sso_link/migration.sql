-- A signed-in member linking their password account to the org's provider.
ALTER TABLE "sso_logins" DROP CONSTRAINT "sso_logins_purpose_check";
ALTER TABLE "sso_logins" ADD CONSTRAINT "sso_logins_purpose_check" CHECK ("purpose" IN ('sign-in', 'test', 'link'));
