// One key service seals for every product (lib/platform/kms/row-sealing.ts), with one
// behaviour for a value changed outside Tessera: a TamperedValueError that says which value
// and what to do, never garbage and never a crash.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { openForRow, sealForRow, TamperedValueError } from "@/lib/platform/kms/row-sealing";
import { certificateFile } from "@/lib/products/pki/certificates/certificate-file";
import { issueCertificate } from "@/lib/products/pki/certificates/issue-certificate";
import { createSecret, revealSecretValue } from "@/lib/products/secrets/secrets";
import { orgWithProject, projectAccess } from "../support/factories";
import { hierarchy, openProfile, pkiProject } from "../support/pki";

const flipLastBit = (box: Uint8Array) => {
  const copy = Buffer.from(box);
  copy[copy.length - 1]! ^= 0x01;
  return Uint8Array.from(copy);
};

describe("the key service", () => {
  it("refuses a tampered secret value and a tampered kept private key the same way", async () => {
    const secrets = await orgWithProject("SECRET_MANAGER");
    const admin = await projectAccess(secrets.admin, secrets.org.slug, secrets.project.slug);
    const ref = { orgSlug: secrets.org.slug, projectSlug: secrets.project.slug };
    const { id } = await createSecret(admin, { ...ref, environment: "dev", path: "/", key: "TOKEN", value: "s3cret" });
    const stored = await db().secret.findUniqueOrThrow({ where: { id }, select: { encryptedValue: true } });
    await db().secret.update({ where: { id }, data: { encryptedValue: flipLastBit(stored.encryptedValue) } });
    await expect(revealSecretValue(admin, { ...ref, secretId: id })).rejects.toEqual(expect.any(TamperedValueError));
    await expect(revealSecretValue(admin, { ...ref, secretId: id })).rejects.toThrow(/^This secret's stored value failed its integrity check/);

    const pki = await pkiProject();
    const { intermediateId } = await hierarchy(pki);
    const leaf = await issueCertificate(pki.admin, {
      ...pki.ref,
      profileId: await openProfile(pki, intermediateId),
      commonName: "api.svc.internal",
      ttlDays: 7,
      keepPrivateKey: true,
    });
    const row = await db().certificate.findUniqueOrThrow({ where: { id: leaf.certificateId }, select: { sealedPrivateKey: true } });
    await db().certificate.update({ where: { id: leaf.certificateId }, data: { sealedPrivateKey: flipLastBit(row.sealedPrivateKey!) } });
    await expect(certificateFile(pki.admin, { ...pki.ref, certificateId: leaf.certificateId, file: "private-key" })).rejects.toThrow(
      /^This private key failed its integrity check/,
    );
  }, 60_000);

  it("binds a value to its kind and row: read as another kind or from another row, it does not open", async () => {
    const { project } = await orgWithProject("PAM");
    const box = await sealForRow(db(), project.id, "pam-broker-password", "00000000-0000-7000-8000-000000000001", "hunter2");
    expect((await openForRow(db(), project.id, "pam-broker-password", "00000000-0000-7000-8000-000000000001", box)).toString()).toBe("hunter2");
    await expect(openForRow(db(), project.id, "pam-grant-password", "00000000-0000-7000-8000-000000000001", box)).rejects.toThrow(
      /^This grant's password failed its integrity check/,
    );
    await expect(openForRow(db(), project.id, "pam-broker-password", "00000000-0000-7000-8000-000000000002", box)).rejects.toEqual(
      expect.any(TamperedValueError),
    );
  });
});
