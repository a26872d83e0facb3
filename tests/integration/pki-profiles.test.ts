// Certificate profiles: every certificate is issued through one, and what it does not allow
// is refused at the field at fault before anything is signed, renewals included.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { RefusedError } from "@/lib/platform/errors";
import { deleteCa } from "@/lib/products/pki/authorities/delete-ca";
import { getCa } from "@/lib/products/pki/authorities/get-ca";
import { issueCertificate } from "@/lib/products/pki/certificates/issue-certificate";
import { renewCertificate } from "@/lib/products/pki/certificates/renew-certificate";
import { listProfiles } from "@/lib/products/pki/profiles/list-profiles";
import { createProfile, deleteProfile, editProfile } from "@/lib/products/pki/profiles/manage-profiles";
import { generateKeyPair, x509 } from "@/lib/products/pki/x509";
import { hierarchy, memberWithRole, openssl, file, pkiProject, type Project } from "../support/pki";

const WEB = {
  name: "Web",
  allowedNames: "*.web.internal\nweb.internal",
  keyAlgorithms: ["EC_P256" as const],
  keyUsages: ["digitalSignature" as const],
  extendedKeyUsages: ["serverAuth" as const],
  maxValidityDays: 30,
};

async function webProfile(project: Project, caId: string, more: object = {}) {
  const { profileId } = await createProfile(project.admin, { ...project.ref, ...WEB, caId, ...more });
  return profileId;
}

async function csrFor(algorithm: "RSA_2048" | "EC_P256", commonName: string) {
  const keys = await generateKeyPair(algorithm);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: `CN=${commonName}`,
    keys: keys as CryptoKeyPair,
    signingAlgorithm: algorithm === "RSA_2048" ? { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } : { name: "ECDSA", hash: "SHA-256" },
  });
  return csr.toString("pem");
}

describe("certificate profiles", () => {
  it("refuse names, wildcards, addresses, key types, usages and lifetimes they do not allow, at the field, and sign nothing", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project);
    const profileId = await webProfile(project, intermediateId);
    const base = { ...project.ref, profileId, ttlDays: 30 };
    const refusals: Array<[object, string, RegExp]> = [
      [{ commonName: "db.prod.internal" }, "commonName", /db\.prod\.internal is not among the names profile Web allows/],
      [{ commonName: "a.web.internal", dnsNames: "a.web.internal\nevil.example" }, "dnsNames", /evil\.example is not among/],
      [{ commonName: "*.web.internal" }, "commonName", /does not allow wildcard names/],
      [{ commonName: "a.web.internal", ipAddresses: "10.0.0.1" }, "ipAddresses", /does not allow IP addresses/],
      [{ commonName: "a.web.internal", keyAlgorithm: "RSA_2048" }, "keyAlgorithm", /issues for EC P-256 keys, not RSA 2048/],
      [{ commonName: "a.web.internal", keyUsages: ["digitalSignature", "keyAgreement"] }, "keyUsages", /does not allow key agreement/],
      [{ commonName: "a.web.internal", extendedKeyUsages: ["clientAuth"] }, "extendedKeyUsages", /does not allow TLS client/],
      [{ commonName: "a.web.internal", ttlDays: 31 }, "ttlDays", /at most 30 days/],
      [{ csr: await csrFor("RSA_2048", "a.web.internal") }, "csr", /not RSA 2048/],
    ];
    for (const [input, field, message] of refusals) {
      await expect(issueCertificate(project.admin, { ...base, ...input }), field).rejects.toMatchObject({
        fieldErrors: { [field]: [expect.stringMatching(message)] },
      });
    }
    expect(await db().certificate.count({ where: { projectId: project.project.id } })).toBe(0);

    // Within it: issued with the profile's usages, and the certificate names it.
    const issued = await issueCertificate(project.admin, { ...base, commonName: "A.Web.Internal", dnsNames: "web.internal" });
    const text = openssl("x509", "-noout", "-text", "-in", file(issued.certificatePem));
    expect(text).toContain("TLS Web Server Authentication");
    expect(text).toMatch(/DNS:a\.web\.internal, DNS:web\.internal/);
    const row = await db().certificate.findUniqueOrThrow({ where: { id: issued.certificateId }, select: { profileId: true, keyUsages: true } });
    expect(row).toEqual({ profileId, keyUsages: ["digitalSignature"] });
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: issued.certificateId, action: "pki.certificate-issued" } });
    expect(event.metadata).toMatchObject({ profile: "Web", ca: "Issuing EC_P256" });
  }, 60_000);

  it("a profile narrowed after issuing refuses the renewal; widened again, it renews", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project);
    const profileId = await webProfile(project, intermediateId);
    const issued = await issueCertificate(project.admin, { ...project.ref, profileId, commonName: "a.web.internal", ttlDays: 30 });
    await editProfile(project.admin, { ...project.ref, ...WEB, caId: intermediateId, profileId, allowedNames: "*.other.internal" });
    await expect(renewCertificate(project.admin, { ...project.ref, certificateId: issued.certificateId })).rejects.toMatchObject({
      fieldErrors: { commonName: [expect.stringMatching(/not among the names profile Web allows \(\*\.other\.internal\)/)] },
    });
    await editProfile(project.admin, { ...project.ref, ...WEB, caId: intermediateId, profileId, maxValidityDays: 7 });
    await expect(renewCertificate(project.admin, { ...project.ref, certificateId: issued.certificateId })).rejects.toMatchObject({
      fieldErrors: { ttlDays: [expect.stringMatching(/at most 7 days/)] },
    });
    await editProfile(project.admin, { ...project.ref, ...WEB, caId: intermediateId, profileId });
    await expect(renewCertificate(project.admin, { ...project.ref, certificateId: issued.certificateId })).resolves.toMatchObject({
      commonName: "a.web.internal",
    });
    const edits = await db().auditEvent.findMany({ where: { targetId: profileId, action: "pki.profile-edited" }, orderBy: { createdAt: "asc" } });
    expect(edits.map((one) => one.summary)).toEqual(["Changed allowedNames", "Changed allowedNames, maxValidityDays", "Changed maxValidityDays"]);
  }, 60_000);

  it("roles can be conditioned on the profile: issuing through one is not issuing through another", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project);
    const web = await webProfile(project, intermediateId);
    const other = await webProfile(project, intermediateId, { name: "Other" });
    const member = await memberWithRole(project, [
      { subject: "certificate-profile", actions: ["read"] },
      { subject: "certificate", actions: ["read", "issue"], conditions: [{ field: "profileName", operator: "eq", value: "Web" }] },
    ]);
    await expect(issueCertificate(member, { ...project.ref, profileId: web, commonName: "a.web.internal", ttlDays: 7 })).resolves.toBeDefined();
    await expect(issueCertificate(member, { ...project.ref, profileId: other, commonName: "a.web.internal", ttlDays: 7 })).rejects.toMatchObject({
      fieldErrors: { dnsNames: [expect.stringMatching(/through Other/)] },
    });
    // Profile writers: a condition on the profile's name holds for creating, editing and renaming.
    await webProfile(project, intermediateId, { name: "team-a" });
    const writer = await memberWithRole(project, [
      { subject: "certificate-authority", actions: ["read"] },
      { subject: "certificate-profile", actions: ["read", "create", "edit"], conditions: [{ field: "profileName", operator: "glob", value: "team-*" }] },
    ]);
    await expect(createProfile(writer, { ...project.ref, ...WEB, caId: intermediateId, name: "Everything" })).rejects.toMatchObject({ name: "ForbiddenError" });
    const { profileId: team } = await createProfile(writer, { ...project.ref, ...WEB, caId: intermediateId, name: "team-b" });
    await expect(editProfile(writer, { ...project.ref, ...WEB, caId: intermediateId, profileId: team, name: "Web 2" })).rejects.toMatchObject({
      name: "ForbiddenError",
    });
    await expect(editProfile(writer, { ...project.ref, ...WEB, caId: intermediateId, profileId: web, name: "team-web" })).rejects.toMatchObject({
      name: "ForbiddenError",
    });
    expect((await listProfiles(writer)).map((profile) => profile.name)).toEqual(["team-a", "team-b"]);
  }, 60_000);

  it("names only this project's CAs, one profile per name; a used profile and a CA with profiles stay", async () => {
    const project = await pkiProject();
    const elsewhere = await pkiProject();
    const { intermediateId, rootId } = await hierarchy(project);
    const { intermediateId: foreignCa } = await hierarchy(elsewhere);
    await expect(createProfile(project.admin, { ...project.ref, ...WEB, caId: foreignCa })).rejects.toMatchObject({
      fieldErrors: { caId: [expect.stringMatching(/Choose a certificate authority of this project/)] },
    });
    const profileId = await webProfile(project, intermediateId);
    await expect(webProfile(project, rootId)).rejects.toMatchObject({ fieldErrors: { name: [expect.stringMatching(/named Web already exists/)] } });
    await expect(createProfile(project.admin, { ...project.ref, ...WEB, caId: intermediateId, name: "Bad", allowedNames: "" })).rejects.toMatchObject({
      name: "ZodError",
    });
    // Another org's admin cannot reach it by id.
    await expect(editProfile(elsewhere.admin, { ...elsewhere.ref, ...WEB, caId: foreignCa, profileId })).rejects.toMatchObject({ name: "NotFoundError" });
    await expect(deleteProfile(elsewhere.admin, { ...elsewhere.ref, profileId })).rejects.toMatchObject({ name: "NotFoundError" });

    const spare = await webProfile(project, rootId, { name: "Spare" });
    await expect(deleteCa(project.admin, { ...project.ref, caId: rootId })).rejects.toBeInstanceOf(RefusedError);
    await issueCertificate(project.admin, { ...project.ref, profileId, commonName: "a.web.internal", ttlDays: 7 });
    await expect(deleteProfile(project.admin, { ...project.ref, profileId })).rejects.toThrow(/1 certificates were issued through Web/);
    await deleteProfile(project.admin, { ...project.ref, profileId: spare });
    expect(await db().certificateProfile.count({ where: { projectId: project.project.id } })).toBe(1);
    const deleted = await db().auditEvent.findFirstOrThrow({ where: { targetId: spare, action: "pki.profile-deleted" } });
    expect(deleted.targetLabel).toBe("Spare");

    // A CA that ends before what a profile would issue today is flagged on its page.
    expect((await getCa(project.admin, { ...project.ref, caId: intermediateId })).endsEarly).toEqual({ certificates: 0, profiles: [] });
    await webProfile(project, intermediateId, { name: "Decade", maxValidityDays: 3650 });
    expect((await getCa(project.admin, { ...project.ref, caId: intermediateId })).endsEarly).toEqual({ certificates: 0, profiles: ["Decade"] });
  }, 90_000);
});
