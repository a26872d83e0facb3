// The products' part of `npm run seed:scale`, in the big org: a PKI project whose root CA has
// issued 10,000 certificates (1,000 revoked, the CRL signed), a PAM project with 10,000 access
// requests, and 500 machine identities each with a client secret and an access token.
// The CA and one certificate are made through lib/ (a real key, sealed with this database's
// root key); the other rows are bulk SQL copying that certificate's DER under their own
// serials and names: the lists, the CRL and the pages read the rows, not the DER. Idempotent
// on its own: run again, it finds the "scale-pki" project and does nothing.
import pg from "pg";

export const SCALE_PKI = "scale-pki";
export const SCALE_PAM = "scale-pam";
const CERTIFICATES = 10_000;
const REQUESTS = 10_000;
const IDENTITIES = 500;
const REQUESTERS = 50;

/** One bulk statement of the seed, printed with its row count and time. */
export async function step(client: pg.Client, label: string, sql: string, values: unknown[] = []): Promise<void> {
  const started = Date.now();
  process.stdout.write(`${label}… `);
  const result = await client.query(sql, values);
  console.log(`${result.rowCount ?? 0} rows, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Needs DATABASE_URL and ROOT_ENCRYPTION_KEY set for lib/, and the base data set seeded. */
export async function seedScaleProducts(databaseUrl: string, bigOrg: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const done = await client.query("SELECT 1 FROM projects p JOIN organizations o ON o.id = p.org_id WHERE o.slug = $1 AND p.slug = $2", [bigOrg, SCALE_PKI]);
    if (done.rowCount) {
      console.log(`The products' scale data is already there (project "${SCALE_PKI}"). Nothing to do.`);
      return;
    }
    const { db, endPool } = await import("../../lib/platform/db.ts");
    const { startSession } = await import("../../lib/platform/auth/sessions.ts");
    const { loadOrgAccess } = await import("../../lib/platform/authz/org-access.ts");
    const { loadProjectAccess } = await import("../../lib/platform/authz/project-access.ts");
    const { createProject } = await import("../../lib/platform/projects/create-project.ts");
    const { createRootCa } = await import("../../lib/products/pki/authorities/create-root-ca.ts");
    const { issueCertificate } = await import("../../lib/products/pki/certificates/issue-certificate.ts");
    const { createProfile } = await import("../../lib/products/pki/profiles/manage-profiles.ts");
    const { resignCrlAfterRevocation } = await import("../../lib/products/pki/crl.ts");
    (await import("../../lib/app/products.ts")).registerProducts();
    try {
      const admin = await db().user.findUniqueOrThrow({ where: { email: "scale-user-1@scale.tessera.test" }, select: { id: true } });
      const claims = { userId: admin.id, sessionId: await startSession(admin.id, { ip: null, userAgent: "seed:scale" }) };
      const { access: orgAccess } = await loadOrgAccess(claims, bigOrg);
      if (!orgAccess) throw new Error(`scale-user-1 cannot open ${bigOrg}`);

      process.stdout.write("PKI project, root CA and one issued certificate… ");
      await createProject(orgAccess, { orgSlug: bigOrg, name: "Scale PKI", slug: SCALE_PKI, type: "PKI" });
      const { access: pkiAccess } = await loadProjectAccess(claims, bigOrg, SCALE_PKI);
      const ref = { orgSlug: bigOrg, projectSlug: SCALE_PKI };
      const { caId } = await createRootCa(pkiAccess!, {
        ...ref,
        name: "Scale root",
        commonName: "Scale root",
        keyAlgorithm: "EC_P256",
        validityDays: 3650,
        maxPathLength: "",
      });
      const { profileId } = await createProfile(pkiAccess!, {
        ...ref,
        name: "Scale services",
        caId,
        allowedNames: "*.scale.internal",
        keyAlgorithms: ["EC_P256"],
        keyUsages: ["digitalSignature"],
        extendedKeyUsages: ["serverAuth"],
        maxValidityDays: 400,
      });
      const { certificateId } = await issueCertificate(pkiAccess!, {
        ...ref,
        profileId,
        commonName: "svc-00000.scale.internal",
        ttlDays: 90,
        keyAlgorithm: "EC_P256",
      });
      console.log("done");
      // One in ten revoked (1,000), one in ten of the rest expired; issued over the last year.
      await step(
        client,
        `${CERTIFICATES - 1} more certificates, ${CERTIFICATES / 10} revoked`,
        `INSERT INTO certificates (id, project_id, ca_id, profile_id, serial_number, common_name, dns_names, key_usages, extended_key_usages, key_algorithm,
                                   not_before, not_after, certificate, revoked_at, revocation_reason, issued_by_id, created_at)
         SELECT md5('certificate' || n)::uuid, t.project_id, t.ca_id, t.profile_id, '7' || substr(md5('serial' || n), 1, 31),
                'svc-' || lpad(n::text, 5, '0') || '.scale.internal', ARRAY['svc-' || lpad(n::text, 5, '0') || '.scale.internal'],
                t.key_usages, t.extended_key_usages, t.key_algorithm,
                now() - (n || ' hours')::interval * 0.876, now() - (n || ' hours')::interval * 0.876 + CASE WHEN n % 10 = 2 THEN interval '1 day' ELSE interval '400 days' END,
                t.certificate, CASE WHEN n % 10 = 1 THEN now() - (n || ' minutes')::interval END, CASE WHEN n % 10 = 1 THEN 'superseded' END,
                t.issued_by_id, now() - (n || ' hours')::interval * 0.876
           FROM certificates t, generate_series(1, $2::int) n
          WHERE t.id = $1::uuid`,
        [certificateId, CERTIFICATES - 1],
      );
      await client.query("UPDATE certificate_authorities SET crl_next_update = now() WHERE id = $1::uuid", [caId]);
      process.stdout.write("the CA's CRL (its 1,000 entries made and signed)… ");
      if (!(await resignCrlAfterRevocation(caId))) throw new Error("the CRL was not signed");
      console.log("done");

      // PAM: a resource whose broker password is not a real one (nothing here connects to
      // it: no request is ACTIVE, so no sweep reaches for it), five accounts, one policy,
      // 50 members asking, and 10,000 requests over a year, 200 of them pending.
      process.stdout.write("PAM project… ");
      const pam = await createProject(orgAccess, { orgSlug: bigOrg, name: "Scale PAM", slug: SCALE_PAM, type: "PAM" });
      console.log("done");
      await step(
        client,
        "a PAM resource and 5 accounts",
        `WITH r AS (INSERT INTO pam_resources (id, project_id, name, host, port, database, tls_mode, broker_user, sealed_broker_password, updated_at)
                    VALUES (md5('scale-pam-resource')::uuid, $1::uuid, 'orders-db', 'orders-db.scale.internal', 5432, 'orders', 'VERIFY_FULL', 'tessera_broker', decode('00', 'hex'), now())
                    RETURNING id, project_id)
         INSERT INTO pam_accounts (id, project_id, resource_id, name, max_duration_minutes, updated_at)
         SELECT md5('scale-pam-account' || a)::uuid, r.project_id, r.id, (ARRAY['orders_readonly', 'orders_write', 'orders_admin', 'reporting', 'migrations'])[a], 240, now()
           FROM r, generate_series(1, 5) a`,
        [pam.id],
      );
      await step(
        client,
        "a one-approval policy",
        `INSERT INTO pam_policies (id, project_id, name, resource_glob, account_glob, required_approvals, approver_role, max_duration_minutes, created_by_id, updated_at)
         VALUES (md5('scale-pam-policy')::uuid, $1::uuid, 'Everything', '*', '*', 1, 'admin', 240, $2::uuid, now())`,
        [pam.id, admin.id],
      );
      await step(
        client,
        `${REQUESTERS} members of the PAM project`,
        `WITH pm AS (INSERT INTO project_memberships (id, project_id, org_membership_id, user_id)
                     SELECT md5('scale-pam-member' || g)::uuid, $1::uuid, m.id, m.user_id
                       FROM generate_series(2, $2::int + 1) g JOIN org_memberships m ON m.user_id = md5('user' || g)::uuid AND m.org_id = md5('org1')::uuid
                     RETURNING id)
         INSERT INTO project_role_grants (id, project_membership_id, role) SELECT md5('grant' || pm.id)::uuid, pm.id, 'member' FROM pm`,
        [pam.id, REQUESTERS],
      );
      await step(
        client,
        `${REQUESTS.toLocaleString("en")} access requests`,
        `INSERT INTO pam_access_requests (id, project_id, account_id, requester_id, duration_minutes, reason, status, policy_name, required_approvals,
                                          approver_role, login_role, granted_at, expires_at, ended_at, created_at, updated_at)
         SELECT md5('scale-pam-request' || n)::uuid, $1::uuid, md5('scale-pam-account' || (n % 5 + 1))::uuid, md5('user' || (n % $3::int + 2))::uuid,
                60, 'Ticket OPS-' || n, s.status::"PamRequestStatus", 'Everything', 1, 'admin',
                CASE WHEN s.granted THEN 'tessera_' || substr(md5('login' || n), 1, 12) END,
                CASE WHEN s.granted THEN asked + interval '5 minutes' END,
                CASE WHEN s.granted THEN asked + interval '65 minutes' END,
                CASE WHEN s.status <> 'PENDING' THEN asked + interval '65 minutes' END,
                asked, asked
           FROM generate_series(1, $2::int) n
          CROSS JOIN LATERAL (SELECT now() - (n || ' minutes')::interval * 52 AS asked) t
          CROSS JOIN LATERAL (SELECT CASE WHEN n <= 200 THEN 'PENDING' WHEN n % 10 = 0 THEN 'REJECTED' WHEN n % 10 = 1 THEN 'CANCELLED'
                                          WHEN n % 10 = 2 THEN 'REVOKED' ELSE 'EXPIRED' END AS status,
                                     n > 200 AND n % 10 NOT IN (0, 1) AS granted) s`,
        [pam.id, REQUESTS, REQUESTERS],
      );

      await step(
        client,
        `${IDENTITIES} machine identities`,
        `WITH u AS (INSERT INTO users (id, kind, email, name, password_hash, updated_at)
                    SELECT md5('identity' || g)::uuid, 'IDENTITY', md5('identity' || g)::uuid || '@identities.tessera.invalid', 'scale-identity-' || lpad(g::text, 3, '0'), '', now()
                      FROM generate_series(1, $1::int) g
                    RETURNING id),
              m AS (INSERT INTO org_memberships (id, org_id, user_id, role) SELECT md5('identity-membership' || u.id)::uuid, md5('org1')::uuid, u.id, 'member' FROM u RETURNING user_id)
         INSERT INTO machine_identities (user_id, org_id, client_id, created_by_id, updated_at)
         SELECT m.user_id, md5('org1')::uuid, md5('client' || m.user_id)::uuid, $2::uuid, now() FROM m`,
        [IDENTITIES, admin.id],
      );
      await step(
        client,
        "a client secret and an access token for each",
        `WITH s AS (INSERT INTO identity_client_secrets (id, identity_id, description, secret_hash, hint)
                    SELECT md5('secret' || i.user_id)::uuid, i.user_id, 'seed', encode(sha256(('secret' || i.user_id)::bytea), 'hex'), 'seed'
                      FROM machine_identities i WHERE i.org_id = md5('org1')::uuid
                    RETURNING identity_id)
         INSERT INTO identity_access_tokens (id, identity_id, token_hash, expires_at, max_expires_at)
         SELECT md5('token' || s.identity_id)::uuid, s.identity_id, encode(sha256(('token' || s.identity_id)::bytea), 'hex'), now() + interval '2 hours', now() + interval '30 days' FROM s`,
      );
      process.stdout.write("ANALYZE… ");
      await client.query(
        "ANALYZE certificates, pam_access_requests, machine_identities, identity_access_tokens, identity_client_secrets, users, org_memberships",
      );
      console.log("done");
    } finally {
      await db().$disconnect();
      await endPool();
    }
  } finally {
    await client.end();
  }
}
