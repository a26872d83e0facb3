import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { issueCertificate } from "@/lib/products/pki/certificates/issue-certificate";
import { listCertificates } from "@/lib/products/pki/certificates/list-certificates";
import { revokeCertificate } from "@/lib/products/pki/certificates/revoke-certificate";
import { hierarchy, openProfile, pkiProject } from "../support/pki";

/** The count the triggers keep for a project, and its certificates counted the slow way. */
async function countsOf(projectId: string) {
  const [kept] = await db().$queryRaw<Array<{ n: number | null }>>`
    SELECT (SELECT certificates FROM project_certificate_counts WHERE project_id = ${projectId}::uuid) AS n`;
  return { kept: kept!.n ?? 0, counted: await db().certificate.count({ where: { projectId } }) };
}

describe("project certificate counts", () => {
  it("follow issuing, revoking, a bulk insert and a refused move, and the list's unfiltered total is the count", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project);
    const profileId = await openProfile(project, intermediateId);
    const issue = (commonName: string) => issueCertificate(project.admin, { ...project.ref, profileId, commonName, ttlDays: 7 });
    expect(await countsOf(project.project.id)).toEqual({ kept: 0, counted: 0 });

    const first = await issue("a.svc.internal");
    await issue("b.svc.internal");
    expect(await countsOf(project.project.id)).toEqual({ kept: 2, counted: 2 });
    // Revoking keeps the certificate: still counted.
    await revokeCertificate(project.admin, { ...project.ref, certificateId: first.certificateId, reason: "superseded" });
    expect(await countsOf(project.project.id)).toEqual({ kept: 2, counted: 2 });

    // One statement adding several (as the scale seed does): copies of the first row.
    await db().$executeRaw`
      INSERT INTO certificates (id, project_id, ca_id, profile_id, serial_number, common_name, dns_names, ip_addresses, email_addresses,
                                key_usages, extended_key_usages, key_algorithm, not_before, not_after, certificate)
      SELECT gen_random_uuid(), project_id, ca_id, profile_id, serial_number || '0' || n, common_name, dns_names, ip_addresses, email_addresses,
             key_usages, extended_key_usages, key_algorithm, not_before, not_after, certificate
        FROM certificates, generate_series(1, 3) AS n WHERE id = ${first.certificateId}::uuid`;
    expect(await countsOf(project.project.id)).toEqual({ kept: 5, counted: 5 });
    const listed = await listCertificates(project.admin, {});
    expect(listed.total).toBe(5);
    // Filtered, the total is what matches, counted.
    expect((await listCertificates(project.admin, { status: "revoked" })).total).toBe(1);

    // A certificate stays in its project: moving it would make both counts wrong.
    const elsewhere = await pkiProject();
    await expect(db().certificate.update({ where: { id: first.certificateId }, data: { projectId: elsewhere.project.id } })).rejects.toThrow();
    expect(await countsOf(project.project.id)).toEqual({ kept: 5, counted: 5 });
  }, 60_000);

  it("go with their project when it is deleted, certificates and all", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project);
    const profileId = await openProfile(project, intermediateId);
    await issueCertificate(project.admin, { ...project.ref, profileId, commonName: "gone.svc.internal", ttlDays: 7 });
    await db().project.delete({ where: { id: project.project.id } });
    expect(await countsOf(project.project.id)).toEqual({ kept: 0, counted: 0 });
    expect(await db().projectCertificateCount.count({ where: { projectId: project.project.id } })).toBe(0);
  }, 60_000);
});
