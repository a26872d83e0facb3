// Every DNS-like name a certificate carries is normalised and checked, the common name
// included (second security review, item 3), and key usages follow the key (item 7).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { issueCertificate } from "@/lib/products/pki/certificates/issue-certificate";
import { file, hierarchy, memberWithRole, openProfile, openssl, opensslFails, pkiProject } from "../support/pki";

/** `openssl verify` of a leaf against the chain, asking for a host name. */
function verifyFor(hostname: string, issued: { certificatePem: string; chainPem: string }, rootPem: string) {
  const [intermediatePem = ""] = issued.chainPem.split(/(?<=-----END CERTIFICATE-----\n)/);
  return ["verify", "-verify_hostname", hostname, "-CAfile", file(rootPem), "-untrusted", file(intermediatePem), file(issued.certificatePem)];
}

describe("names on certificates", () => {
  it("refuses a common name outside the CA's constraints whatever its form: trailing dot, wildcard, no SAN", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project, "EC_P256", { permittedDnsNames: "svc.internal" });
    const base = { ...project.ref, profileId: await openProfile(project, intermediateId), ttlDays: 30 };
    for (const commonName of ["evil.example.", "EVIL.example", "*.example", "*.example."]) {
      await expect(issueCertificate(project.admin, { ...base, commonName }), commonName).rejects.toMatchObject({
        fieldErrors: { commonName: [expect.stringMatching(/is outside the names Root EC_P256 may certify/)] },
      });
    }
    await expect(issueCertificate(project.admin, { ...base, commonName: "api.svc.internal", dnsNames: "evil.example." })).rejects.toMatchObject({
      fieldErrors: { dnsNames: [expect.stringContaining("evil.example is outside")] },
    });
    expect(await db().certificate.count({ where: { projectId: project.project.id } })).toBe(0);
  }, 60_000);

  it("signs the normalised host name into the SAN, which openssl then checks against the host asked for", async () => {
    const project = await pkiProject();
    const { intermediateId, rootPem } = await hierarchy(project, "EC_P256", { permittedDnsNames: "svc.internal" });
    const issued = await issueCertificate(project.admin, {
      ...project.ref,
      profileId: await openProfile(project, intermediateId),
      commonName: "Web.SVC.internal.",
      ttlDays: 30,
    });
    expect(openssl("x509", "-noout", "-ext", "subjectAltName", "-in", file(issued.certificatePem))).toMatch(/DNS:web\.svc\.internal\s*$/);
    expect(openssl("x509", "-noout", "-subject", "-in", file(issued.certificatePem))).toMatch(/CN ?= ?web\.svc\.internal$/m);
    expect(openssl(...verifyFor("web.svc.internal", issued, rootPem)).trim()).toMatch(/: OK$/);
    expect(opensslFails(...verifyFor("evil.example.", issued, rootPem))).toMatch(/hostname mismatch/);
    const row = await db().certificate.findUniqueOrThrow({ where: { id: issued.certificateId }, select: { commonName: true, dnsNames: true } });
    expect(row).toEqual({ commonName: "web.svc.internal", dnsNames: ["web.svc.internal"] });
  }, 60_000);

  it("writes internationalised names as A-labels and refuses wildcards that would reach an excluded name", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project, "EC_P256", { permittedDnsNames: "svc.internal", excludedDnsNames: "db.svc.internal" });
    const base = { ...project.ref, profileId: await openProfile(project, intermediateId), ttlDays: 30 };
    const idn = await issueCertificate(project.admin, { ...base, commonName: "bücher.svc.internal" });
    expect(openssl("x509", "-noout", "-ext", "subjectAltName", "-in", file(idn.certificatePem))).toContain("DNS:xn--bcher-kva.svc.internal");
    await expect(issueCertificate(project.admin, { ...base, commonName: "*.svc.internal" })).rejects.toMatchObject({
      fieldErrors: { commonName: [expect.stringContaining("*.svc.internal is excluded by Root EC_P256 (db.svc.internal)")] },
    });
    await expect(issueCertificate(project.admin, { ...base, commonName: "*.web.svc.internal" })).resolves.toBeDefined();
  }, 60_000);

  it("needs a DNS name or an address on a server certificate, but not on a client certificate", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project);
    const base = { ...project.ref, profileId: await openProfile(project, intermediateId), ttlDays: 30 };
    await expect(issueCertificate(project.admin, { ...base, commonName: "Payments service" })).rejects.toMatchObject({
      fieldErrors: { dnsNames: [expect.stringMatching(/server certificate needs a DNS name or an IP address/)] },
    });
    const byAddress = await issueCertificate(project.admin, { ...base, commonName: "10.1.2.3" });
    expect(openssl("x509", "-noout", "-ext", "subjectAltName", "-in", file(byAddress.certificatePem))).toContain("IP Address:10.1.2.3");
    const client = await issueCertificate(project.admin, { ...base, commonName: "alice", extendedKeyUsages: ["clientAuth"] });
    expect(openssl("x509", "-noout", "-text", "-in", file(client.certificatePem))).not.toContain("Subject Alternative Name");
  }, 60_000);

  it("applies a role's name condition to the normalised common name", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project);
    const limited = await memberWithRole(project, [
      { subject: "certificate-authority", actions: ["read"] },
      { subject: "certificate", actions: ["read", "issue"], conditions: [{ field: "name", operator: "glob", value: "*.svc.internal" }] },
    ]);
    const base = { ...project.ref, profileId: await openProfile(project, intermediateId), ttlDays: 7 };
    await expect(issueCertificate(limited, { ...base, commonName: "evil.example." })).rejects.toMatchObject({
      fieldErrors: { dnsNames: [expect.stringContaining("evil.example")] },
    });
    await expect(issueCertificate(limited, { ...base, commonName: "API.svc.internal." })).resolves.toBeDefined();
  }, 60_000);
});

describe("key usages", () => {
  it("follow the key: EC and Ed25519 leaves never carry keyEncipherment, RSA ones do by default", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project);
    const base = { ...project.ref, profileId: await openProfile(project, intermediateId), commonName: "api.svc.internal", ttlDays: 7 };
    const usagesOf = (pem: string) => openssl("x509", "-noout", "-ext", "keyUsage", "-in", file(pem));
    const ec = await issueCertificate(project.admin, { ...base, keyAlgorithm: "EC_P256" });
    expect(usagesOf(ec.certificatePem)).toContain("Digital Signature");
    expect(usagesOf(ec.certificatePem)).not.toContain("Key Encipherment");
    expect(usagesOf((await issueCertificate(project.admin, { ...base, keyAlgorithm: "RSA_2048" })).certificatePem)).toContain("Key Encipherment");
    await expect(
      issueCertificate(project.admin, { ...base, keyAlgorithm: "EC_P256", keyUsages: ["digitalSignature", "keyEncipherment"] }),
    ).rejects.toMatchObject({
      fieldErrors: { keyUsages: [expect.stringMatching(/EC P-256 keys cannot be used for key encipherment/)] },
    });
    await expect(issueCertificate(project.admin, { ...base, keyAlgorithm: "ED25519", keyUsages: ["keyAgreement"] })).rejects.toMatchObject({
      fieldErrors: { keyUsages: [expect.any(String)] },
    });
  }, 60_000);
});
