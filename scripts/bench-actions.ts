// Server actions against the floor (a no-op action), on the seeded data set: change an org
// member's role, create an invitation, issue a certificate, approve a PAM request (which
// makes the login on a real database), accept an invitation. Each call is a real POST as the browser
// sends it; what the calls create is removed afterwards.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { Metric } from "./lib/bench-metric.ts";
import { createPamTarget } from "./lib/pam-target.ts";
import { projectRoot } from "./lib/run.ts";

const ROUNDS = 5;
const CALLS_PER_ROUND = 20;
const BENCH_EMAILS = "bench-%@bench.tessera.test";

type Call = { page: string; action: string; input: unknown; cookie: string };

/** The ids the build gave the actions, from its server-reference manifest. */
function actionIds(distDir: string): Map<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, distDir, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  return new Map(Object.entries(manifest.node).map(([id, entry]) => [entry.exportedName ?? "", id]));
}

async function post(base: string, ids: Map<string, string>, call: Call): Promise<{ ms: number; ok: boolean }> {
  const id = ids.get(call.action);
  if (!id) throw new Error(`${call.action} is not in the build's server-reference manifest`);
  const start = performance.now();
  const response = await fetch(`${base}${call.page}`, {
    method: "POST",
    headers: { cookie: call.cookie, "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: base },
    body: JSON.stringify([call.input]),
  });
  const body = await response.text();
  const ms = performance.now() - start;
  // Tessera's actions answer with a typed result; the no-op answers nothing.
  return { ms, ok: response.status === 200 && (call.action === "noopAction" || body.includes('"ok":true')) };
}

/** Runs a creating action and returns the new row's id (`key` in its answer). */
async function createdId(base: string, ids: Map<string, string>, call: Call, key = "caId"): Promise<string> {
  const id = ids.get(call.action)!;
  const response = await fetch(`${base}${call.page}`, {
    method: "POST",
    headers: { cookie: call.cookie, "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: base },
    body: JSON.stringify([call.input]),
  });
  const answer = await response.text();
  const created = new RegExp(`"${key}":"([0-9a-f-]{36})"`).exec(answer)?.[1];
  if (!created) throw new Error(`${call.action} did not create what the benchmark needs: ${answer.slice(0, 300)}`);
  return created;
}

/** A project of scale-big with the scale Admin as its Admin. */
async function benchProject(client: pg.Client, slug: string, type: "PKI" | "PAM"): Promise<void> {
  await client.query(
    `WITH p AS (INSERT INTO projects (id, org_id, name, slug, type, updated_at)
                SELECT gen_random_uuid(), o.id, $1, $1, $2::"ProductType", now() FROM organizations o WHERE o.slug = 'scale-big' RETURNING id, org_id),
          pm AS (INSERT INTO project_memberships (id, project_id, org_membership_id, user_id)
                 SELECT gen_random_uuid(), p.id, m.id, m.user_id FROM p JOIN org_memberships m ON m.org_id = p.org_id
                   JOIN users u ON u.id = m.user_id AND u.email = 'scale-user-1@scale.tessera.test' RETURNING id)
     INSERT INTO project_role_grants (id, project_membership_id, role) SELECT gen_random_uuid(), pm.id, 'admin' FROM pm`,
    [slug, type],
  );
}

export async function actionBenchmarks(options: {
  base: string;
  distDir: string;
  databaseUrl: string;
  adminCookie: string;
  cookieFor: (userId: string) => Promise<string>;
  print: (metric: Metric) => void;
}): Promise<void> {
  const { base, databaseUrl, adminCookie, print } = options;
  const ids = actionIds(options.distDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let pamTarget: Awaited<ReturnType<typeof createPamTarget>> | undefined;
  try {
    const {
      rows: [target],
    } = await client.query<{ id: string }>(
      `SELECT m.id FROM org_memberships m JOIN organizations o ON o.id = m.org_id JOIN users u ON u.id = m.user_id
        WHERE o.slug = 'scale-big' AND u.email = 'scale-user-7@scale.tessera.test'`,
    );
    if (!target) throw new Error("the scale data set has no scale-user-7 in scale-big");
    // Newcomers with a pending invitation each, to accept one per call, made by the scale
    // Admin (an invitation counts only while its creator may still make it).
    const run = randomBytes(4).toString("hex");
    const newcomers: Array<{ cookie: string; token: string }> = [];
    for (let index = 0; index < ROUNDS * CALLS_PER_ROUND; index++) {
      const email = `bench-accept-${run}-${index}@bench.tessera.test`;
      const token = randomBytes(32).toString("base64url");
      const {
        rows: [user],
      } = await client.query<{ id: string }>(
        `INSERT INTO users (id, email, name, password_hash, updated_at) VALUES (gen_random_uuid(), $1, 'Bench Newcomer', 'not-used', now()) RETURNING id`,
        [email],
      );
      await client.query(
        `INSERT INTO invitations (id, org_id, email, role, token_hash, expires_at, invited_by_id)
         SELECT gen_random_uuid(), o.id, $1, 'member', $2, now() + interval '1 day', u.id
           FROM organizations o, users u
          WHERE o.slug = 'scale-big' AND u.email = 'scale-user-1@scale.tessera.test'`,
        [email, createHash("sha256").update(token).digest("hex")],
      );
      newcomers.push({ cookie: await options.cookieFor(user!.id), token });
    }

    // A PKI project of scale-big with the scale Admin as its Admin, and a root and an issuing
    // CA (EC P-256) made through the actions themselves.
    const pkiSlug = `bench-pki-${run}`;
    await benchProject(client, pkiSlug, "PKI");
    const pkiPage = `/orgs/scale-big/projects/${pkiSlug}/certificate-authorities`;
    const ca = { orgSlug: "scale-big", projectSlug: pkiSlug, keyAlgorithm: "EC_P256", maxPathLength: "" };
    const rootId = await createdId(base, ids, {
      page: pkiPage,
      action: "createRootCaAction",
      input: { ...ca, name: "Bench root", commonName: "Bench root", validityDays: 3650 },
      cookie: adminCookie,
    });
    const issuingId = await createdId(base, ids, {
      page: pkiPage,
      action: "createIntermediateCaAction",
      input: { ...ca, parentId: rootId, name: "Bench issuing", commonName: "Bench issuing", validityDays: 365 },
      cookie: adminCookie,
    });
    const profileId = await createdId(
      base,
      ids,
      {
        page: `/orgs/scale-big/projects/${pkiSlug}/certificate-profiles`,
        action: "createProfileAction",
        input: {
          orgSlug: "scale-big",
          projectSlug: pkiSlug,
          name: "Bench services",
          caId: issuingId,
          allowedNames: "*.svc.internal\n*.revoked.internal",
          keyAlgorithms: ["EC_P256"],
          keyUsages: ["digitalSignature"],
          extendedKeyUsages: ["serverAuth"],
          maxValidityDays: 90,
        },
        cookie: adminCookie,
      },
      "profileId",
    );

    // The issuing CA has revoked 10,000 certificates (rows made by SQL: the CRL needs only
    // their serials, dates and reasons), and holds one live certificate per revocation the
    // benchmark makes. Each revocation re-signs a CRL of 10,000+ entries.
    const certificateRows = (count: number, revoked: boolean) =>
      client.query<{ id: string }>(
        `INSERT INTO certificates (id, project_id, ca_id, profile_id, serial_number, common_name, key_algorithm, not_before, not_after, certificate, revoked_at, revocation_reason)
         SELECT gen_random_uuid(), ca.project_id, ca.id, $3::uuid, '7' || substr(md5(random()::text || n), 1, 31), 'bench-' || n || '.revoked.internal', 'EC_P256',
                now(), now() + interval '30 days', decode('00', 'hex'), ${revoked ? "now() - (n || ' seconds')::interval, 'superseded'" : "NULL, NULL"}
           FROM certificate_authorities ca, generate_series(1, $2::int) AS n
          WHERE ca.id = $1::uuid
         RETURNING id`,
        [issuingId, count, profileId],
      );
    await certificateRows(10_000, true);
    const { rows: revocable } = await certificateRows(ROUNDS * CALLS_PER_ROUND + 1, false);

    // A PAM project on a target database of the same PostgreSQL (set up as the README says),
    // with its resource, account and a one-approver policy made through the actions, and a
    // pending request (by another member) for each approval the benchmark makes.
    const pamSlug = `bench-pam-${run}`;
    await benchProject(client, pamSlug, "PAM");
    pamTarget = await createPamTarget(databaseUrl);
    const pam = { orgSlug: "scale-big", projectSlug: pamSlug };
    // Each action is posted to a page that uses it (elsewhere Next forwards it, and refuses).
    const pamPage = (section: string) => `/orgs/scale-big/projects/${pamSlug}/${section}`;
    const { target: database } = pamTarget;
    const resourceId = await createdId(
      base,
      ids,
      {
        page: pamPage("resources"),
        action: "createPamResourceAction",
        input: {
          ...pam,
          name: "Bench DB",
          host: database.host,
          port: database.port,
          database: database.database,
          tlsMode: "DISABLE",
          brokerUser: database.brokerUser,
          brokerPassword: database.brokerPassword,
        },
        cookie: adminCookie,
      },
      "resourceId",
    );
    const accountId = await createdId(
      base,
      ids,
      {
        page: pamPage("accounts"),
        action: "createPamAccountAction",
        input: { ...pam, resourceId, name: database.readonlyRole, maxDurationMinutes: 60 },
        cookie: adminCookie,
      },
      "accountId",
    );
    await createdId(
      base,
      ids,
      {
        page: pamPage("access-policies"),
        action: "createAccessPolicyAction",
        input: { ...pam, name: "Bench", resourceGlob: "*", accountGlob: "*", requiredApprovals: 1, approverRole: "admin", maxDurationMinutes: 60 },
        cookie: adminCookie,
      },
      "policyId",
    );
    const { rows: pending } = await client.query<{ id: string }>(
      `INSERT INTO pam_access_requests (id, project_id, account_id, requester_id, duration_minutes, reason, status, policy_name, required_approvals, approver_role, updated_at)
       SELECT gen_random_uuid(), a.project_id, a.id, u.id, 30, 'bench', 'PENDING', 'Bench', 1, 'admin', now()
         FROM pam_accounts a, users u, generate_series(1, $2::int)
        WHERE a.id = $1::uuid AND u.email = 'scale-user-7@scale.tessera.test'
       RETURNING id`,
      [accountId, ROUNDS * CALLS_PER_ROUND + 1],
    );

    let turn = 0;
    const kinds: Record<string, () => Call> = {
      noop_action: () => ({ page: "/bench/noop-action", action: "noopAction", input: null, cookie: adminCookie }),
      change_role_action: () => ({
        page: "/orgs/scale-big/members",
        action: "changeOrgMemberRoleAction",
        input: { orgSlug: "scale-big", membershipId: target.id, role: turn++ % 2 ? "member" : "no-access" },
        cookie: adminCookie,
      }),
      create_invite_action: () => ({
        page: "/orgs/scale-big/members",
        action: "createInvitationsAction",
        input: { orgSlug: "scale-big", emails: `bench-invite-${run}-${turn++}@bench.tessera.test`, role: "member", projectRoles: [], expiresInDays: "7" },
        cookie: adminCookie,
      }),
      issue_certificate_action: () => ({
        page: `/orgs/scale-big/projects/${pkiSlug}/certificates`,
        action: "issueCertificateAction",
        input: {
          orgSlug: "scale-big",
          projectSlug: pkiSlug,
          profileId,
          commonName: `bench-${turn++}.svc.internal`,
          ttlDays: 30,
          keyAlgorithm: "EC_P256",
        },
        cookie: adminCookie,
      }),
      revoke_with_10000_revoked_action: () => {
        const certificateId = revocable.pop()!.id;
        return {
          page: `/orgs/scale-big/projects/${pkiSlug}/certificates/${certificateId}`,
          action: "revokeCertificateAction",
          input: { orgSlug: "scale-big", projectSlug: pkiSlug, certificateId, reason: "keyCompromise" },
          cookie: adminCookie,
        };
      },
      approve_to_credentials_action: () => {
        const requestId = pending.pop()!.id;
        return {
          page: pamPage(`access-requests/${requestId}`),
          action: "decideAccessRequestAction",
          input: { ...pam, requestId, decision: "APPROVE" },
          cookie: adminCookie,
        };
      },
      accept_invite_action: () => {
        const newcomer = newcomers.pop()!;
        return { page: `/invite/${newcomer.token}`, action: "acceptInvitationAction", input: { token: newcomer.token }, cookie: newcomer.cookie };
      },
    };
    // Warm each action once (the accept warms on a newcomer of its own).
    for (const [name, make] of Object.entries(kinds)) if (name !== "accept_invite_action") await post(base, ids, make());
    const times: Record<string, number[][]> = {};
    const failures: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, make] of Object.entries(kinds)) {
        const roundTimes: number[] = [];
        for (let index = 0; index < CALLS_PER_ROUND; index++) {
          const { ms, ok } = await post(base, ids, make());
          roundTimes.push(ms);
          if (!ok) failures[name] = (failures[name] ?? 0) + 1;
        }
        (times[name] ??= []).push(roundTimes);
      }
    }
    const median = (rounds: number[][]) => {
      const sorted = rounds.flat().sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)] ?? 0;
    };
    const spread = (rounds: number[][]) => {
      const perRound = rounds.map((one) => median([one]));
      return Number(((Math.max(...perRound) - Math.min(...perRound)) / median(rounds)).toFixed(3));
    };
    const floor = median(times.noop_action!);
    for (const name of Object.keys(kinds).filter((kind) => kind !== "noop_action")) {
      const value = median(times[name]!);
      print({
        metric: `${name}_p50`,
        value: Number(value.toFixed(2)),
        baseline: Number(floor.toFixed(2)),
        ratio: Number((value / floor).toFixed(2)),
        unit: "ms (baseline: no-op server action)",
        spread: spread(times[name]!),
        target: "≤ 5×",
      });
    }
    for (const [name, count] of Object.entries(failures)) print({ metric: `${name}_failures`, value: count, unit: "calls not answered ok" });
  } finally {
    await client.query(`DELETE FROM projects WHERE slug LIKE 'bench-pki-%' OR slug LIKE 'bench-pam-%'`);
    await pamTarget?.drop();
    await client.query(`DELETE FROM invitations WHERE email LIKE $1`, [BENCH_EMAILS]);
    await client.query(`DELETE FROM users WHERE email LIKE $1`, [BENCH_EMAILS]);
    await client.query(
      `UPDATE org_memberships SET role = 'member' FROM users u WHERE u.id = org_memberships.user_id AND u.email = 'scale-user-7@scale.tessera.test'`,
    );
    // The run made and removed ~10,000 certificate rows: vacuumed now, the next run reuses
    // their space, instead of each run growing the table (and slowing the pages that read it).
    await client.query("VACUUM ANALYZE certificates, pam_access_requests, invitations, users");
    await client.end();
  }
}
