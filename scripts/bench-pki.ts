// PKI micro-benchmark on the throw-away database: signing a CA's CRL after a revocation when it lists 10,000
// revoked certificates (first run: their entries are made; then they are only concatenated), warm.
import { performance } from "node:perf_hooks";
import type { Metric } from "./lib/bench-metric.ts";

const REVOKED = 10_000;

export async function crlBuildBenchmark(print: (metric: Metric) => void): Promise<void> {
  const { db, endPool } = await import("../lib/platform/db.ts");
  const { createOrg } = await import("../lib/platform/orgs/create-org.ts");
  const { createProject } = await import("../lib/platform/projects/create-project.ts");
  (await import("../lib/app/products.ts")).registerProducts();
  const { loadOrgAccess } = await import("../lib/platform/authz/org-access.ts");
  const { loadProjectAccess } = await import("../lib/platform/authz/project-access.ts");
  const { startSession } = await import("../lib/platform/auth/sessions.ts");
  const { createRootCa } = await import("../lib/products/pki/authorities/create-root-ca.ts");
  const { resignCrlAfterRevocation } = await import("../lib/products/pki/crl.ts");
  try {
    const user = await db().user.create({ data: { name: "Bench", email: `bench-pki-${Date.now()}@example.com`, passwordHash: "not-used" } });
    const claims = { userId: user.id, sessionId: await startSession(user.id, { ip: null, userAgent: "bench" }) };
    const org = await createOrg({ userId: user.id, name: user.name, email: user.email }, { name: "Bench PKI", slug: `bench-pki-${Date.now()}` });
    const { access: orgAccess } = await loadOrgAccess(claims, org.slug);
    const project = await createProject(orgAccess!, { orgSlug: org.slug, name: "PKI", slug: "pki", type: "PKI" });
    const { access } = await loadProjectAccess(claims, org.slug, project.slug);
    const { caId } = await createRootCa(access!, {
      orgSlug: org.slug,
      projectSlug: project.slug,
      name: "Bench root",
      commonName: "Bench root",
      keyAlgorithm: "EC_P256",
      validityDays: 365,
      maxPathLength: "",
    });
    const profile = await db().certificateProfile.create({
      data: {
        projectId: project.id,
        name: "Bench",
        caId,
        allowedNames: ["*"],
        keyAlgorithms: ["EC_P256"],
        keyUsages: ["digitalSignature"],
        extendedKeyUsages: ["serverAuth"],
        maxValidityDays: 30,
      },
    });
    // Revoked rows straight in SQL: the CRL reads serials, dates and reasons, not the certificates.
    await db().$executeRaw`
      INSERT INTO certificates (id, project_id, ca_id, profile_id, serial_number, common_name, key_algorithm, not_before, not_after, certificate, revoked_at, revocation_reason)
      SELECT gen_random_uuid(), ${project.id}::uuid, ${caId}::uuid, ${profile.id}::uuid, md5(n::text) || md5((n * 7)::text), 'bench-' || n, 'EC_P256', now(), now() + interval '30 days', '\\x00', now() - (n || ' seconds')::interval, 'superseded'
        FROM generate_series(1, ${REVOKED}) AS n`;
    const times: number[] = [];
    for (let round = 0; round < 6; round++) {
      const start = performance.now();
      if (!(await resignCrlAfterRevocation(caId))) throw new Error("the CRL was not signed");
      if (round > 0) times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const size = (await db().certificateAuthority.findUniqueOrThrow({ where: { id: caId }, select: { crl: true } })).crl?.length ?? 0;
    print({
      metric: "crl_build_10000_revoked_warm",
      value: Number(times[Math.floor(times.length / 2)]!.toFixed(1)),
      unit: `ms per signed CRL (${REVOKED} entries, ${Math.round(size / 1024)} KiB DER)`,
      target: "reported",
    });
  } finally {
    await db().$disconnect();
    await endPool();
  }
}
