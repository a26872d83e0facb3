// The machine API on the seeded data: Universal Auth login, and listing a folder of 50
// secrets against a no-op route handler of the same build (app/api/bench/noop/, bench-only, outside
// the proxy as the real API routes are).
// A throw-away identity (Admin of one Secrets project of scale-big) and folder are made by
// SQL, the secrets through the API itself, and all of it is deleted afterwards.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { credentialHash, mintCredential } from "../lib/platform/identities/credentials.ts";
import type { Metric } from "./lib/bench-metric.ts";

const ROUNDS = 5;
const PER_ROUND = 40;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(request: () => Promise<Response>): Promise<number> {
  const start = performance.now();
  const response = await request();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`the API benchmark got ${response.status}`);
  return performance.now() - start;
}

export async function apiBenchmarks({ base, databaseUrl, print }: { base: string; databaseUrl: string; print: (metric: Metric) => void }): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const identityId = randomUUID();
  const clientSecret = mintCredential("cs");
  try {
    const {
      rows: [place],
    } = await client.query<{ org_id: string; project_id: string; environment_id: string }>(
      `SELECT o.id AS org_id, p.id AS project_id, e.id AS environment_id
         FROM organizations o JOIN projects p ON p.org_id = o.id AND p.type = 'SECRET_MANAGER'
         JOIN environments e ON e.project_id = p.id AND e.slug = 'dev'
        WHERE o.slug = 'scale-big' ORDER BY p.slug LIMIT 1`,
    );
    if (!place) throw new Error("no Secrets Management project in scale-big: run npm run seed:scale");
    const folder = `/bench-api-${identityId.slice(0, 8)}`;
    await client.query("BEGIN");
    await client.query(`INSERT INTO users (id, kind, name, email, password_hash, updated_at) VALUES ($1::uuid, 'IDENTITY', 'bench bot', $2, '', now())`, [
      identityId,
      `${identityId}@identities.tessera.invalid`,
    ]);
    const {
      rows: [membership],
    } = await client.query<{ id: string }>(
      `INSERT INTO org_memberships (id, org_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'no-access') RETURNING id`,
      [place.org_id, identityId],
    );
    const {
      rows: [identity],
    } = await client.query<{ client_id: string }>(
      `INSERT INTO machine_identities (user_id, org_id, client_id, updated_at) VALUES ($1, $2, gen_random_uuid(), now()) RETURNING client_id`,
      [identityId, place.org_id],
    );
    await client.query(
      `WITH pm AS (INSERT INTO project_memberships (id, project_id, org_membership_id, user_id) VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id)
       INSERT INTO project_role_grants (id, project_membership_id, role) SELECT gen_random_uuid(), pm.id, 'admin' FROM pm`,
      [place.project_id, membership!.id, identityId],
    );
    await client.query(`INSERT INTO identity_client_secrets (id, identity_id, secret_hash, hint) VALUES (gen_random_uuid(), $1, $2, 'bench')`, [
      identityId,
      credentialHash(clientSecret),
    ]);
    await client.query(`INSERT INTO secret_folders (id, environment_id, path) VALUES (gen_random_uuid(), $1, $2)`, [place.environment_id, folder]);
    await client.query("COMMIT");

    const login = () =>
      fetch(`${base}/api/v1/auth/universal-auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ clientId: identity!.client_id, clientSecret }),
      });
    const token = ((await (await login()).json()) as { accessToken: string }).accessToken;
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    for (let index = 0; index < 50; index++) {
      await timed(() =>
        fetch(`${base}/api/v3/secrets/raw/BENCH_${index}`, {
          method: "POST",
          headers,
          body: JSON.stringify({
            workspaceId: place.project_id,
            environment: "dev",
            secretPath: folder,
            secretValue: `value-${index}-${"x".repeat(40)}`,
          }),
        }),
      );
    }
    const list = `${base}/api/v3/secrets/raw?${new URLSearchParams({ workspaceId: place.project_id, environment: "dev", secretPath: folder })}`;
    const samples: Record<"noop" | "list" | "login", number[]> = { noop: [], list: [], login: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (let index = 0; index < PER_ROUND; index++) samples.noop.push(await timed(() => fetch(`${base}/api/bench/noop`)));
      for (let index = 0; index < PER_ROUND; index++) samples.list.push(await timed(() => fetch(list, { headers })));
      for (let index = 0; index < PER_ROUND / 4; index++) samples.login.push(await timed(login));
    }
    const p50 = (values: number[]) =>
      percentile(
        [...values].sort((a, b) => a - b),
        50,
      );
    print({
      metric: "api_secrets_list_50_p50",
      value: Number(p50(samples.list).toFixed(2)),
      baseline: Number(p50(samples.noop).toFixed(2)),
      ratio: Number((p50(samples.list) / p50(samples.noop)).toFixed(2)),
      unit: "ms (baseline: no-op route handler)",
      target: "≤ 3×",
    });
    print({ metric: "api_universal_auth_login_p50", value: Number(p50(samples.login).toFixed(2)), unit: "ms" });
  } finally {
    // The secrets, folder, tokens, memberships and identity go; the audit events stay, as they would.
    await client.query(`DELETE FROM secrets WHERE path LIKE '/bench-api-%'`).catch(() => undefined);
    await client.query(`DELETE FROM secret_folders WHERE path LIKE '/bench-api-%'`).catch(() => undefined);
    await client.query(`DELETE FROM users WHERE id = $1`, [identityId]).catch(() => undefined);
    await client.end();
  }
}
