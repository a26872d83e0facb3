// Expiry alerts: who is mailed is checked against what exists when it is saved, and the
// sweep mails each certificate or CA once per threshold, leaving out revoked and expired ones.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/platform/db";
import { issueCertificate } from "@/lib/products/pki/certificates/issue-certificate";
import { revokeCertificate } from "@/lib/products/pki/certificates/revoke-certificate";
import { getExpiryAlert, saveExpiryAlert } from "@/lib/products/pki/expiry/alerts";
import { sendExpiryAlerts } from "@/lib/products/pki/expiry/sweep";
import { addOrgMember, addProjectMember, createUser, projectAccess } from "../support/factories";
import { withMailbox } from "../support/mailbox";
import { hierarchy, openProfile, pkiProject } from "../support/pki";

const mailsTo = withMailbox();

describe("expiry alerts", () => {
  it("name only this org's members and groups, with sensible days, by those allowed to", async () => {
    const project = await pkiProject();
    const elsewhere = await pkiProject();
    const base = { ...project.ref, thresholds: "30, 7, 1", groupIds: [] };
    await expect(saveExpiryAlert(project.admin, { ...base, recipientIds: [] })).rejects.toMatchObject({
      fieldErrors: { recipientIds: ["Choose at least one person or group to mail."] },
    });
    await expect(saveExpiryAlert(project.admin, { ...base, recipientIds: [elsewhere.admin.orgAccess.actor.userId] })).rejects.toMatchObject({
      fieldErrors: { recipientIds: ["Choose people who are members of this organization."] },
    });
    await expect(
      saveExpiryAlert(project.admin, { ...base, thresholds: "30, 0, 400", recipientIds: [project.admin.orgAccess.actor.userId] }),
    ).rejects.toMatchObject({
      name: "ZodError",
    });
    const user = await createUser();
    await addOrgMember(project.org.id, user.id, "member");
    await addProjectMember(project.project.id, user.id, [{ role: "member" }]);
    const member = await projectAccess(user, project.org.slug, project.project.slug);
    await expect(saveExpiryAlert(member, { ...base, recipientIds: [user.id] })).rejects.toMatchObject({ name: "ForbiddenError" });
    expect(await getExpiryAlert(member)).toMatchObject({ thresholds: [] });

    await saveExpiryAlert(project.admin, { ...base, thresholds: "1, 30, 7, 7", recipientIds: [user.id] });
    expect(await getExpiryAlert(member)).toMatchObject({ thresholds: [30, 7, 1], recipients: [{ userId: user.id }] });
    const event = await db().auditEvent.findFirstOrThrow({ where: { projectId: project.project.id, action: "pki.expiry-alert-saved" } });
    expect(event.summary).toBe("Days before: 30, 7, 1");
  });

  it("mails once per certificate and threshold; revoked and expired certificates are left out; a CA ending soon is named", async () => {
    const project = await pkiProject();
    const { intermediateId } = await hierarchy(project);
    const profileId = await openProfile(project, intermediateId);
    const admin = project.admin.orgAccess.actor.userId;
    const adminEmail = (await db().user.findUniqueOrThrow({ where: { id: admin } })).email;
    await saveExpiryAlert(project.admin, { ...project.ref, thresholds: "7, 1", recipientIds: [admin], groupIds: [] });
    const issue = (commonName: string, ttlDays: number) => issueCertificate(project.admin, { ...project.ref, profileId, commonName, ttlDays });
    await issue("soon.svc.internal", 1);
    await issue("month.svc.internal", 30);
    const revoked = await issue("revoked.svc.internal", 2);
    await revokeCertificate(project.admin, { ...project.ref, certificateId: revoked.certificateId, reason: "superseded" });
    const expired = await issue("expired.svc.internal", 2);
    await db().certificate.update({ where: { id: expired.certificateId }, data: { notAfter: new Date(Date.now() - 1000) } });
    await db().certificateAuthority.update({ where: { id: intermediateId }, data: { notAfter: new Date(Date.now() + 3 * 86_400_000) } });

    await sendExpiryAlerts();
    const [mail, ...more] = mailsTo(adminEmail).filter((text) => text.includes(project.project.name));
    expect(more).toEqual([]);
    expect(mail).toContain("soon.svc.internal");
    expect(mail).toContain("CA Issuing EC_P256");
    expect(mail).not.toMatch(/month\.svc|revoked\.svc|expired\.svc/);
    // Claimed once: the next sweep finds nothing new.
    expect(await sendExpiryAlerts()).toBe(0);
    expect(await db().pkiExpiryNotice.findMany({ where: { projectId: project.project.id }, select: { subjectType: true, thresholdDays: true } })).toEqual(
      expect.arrayContaining([
        { subjectType: "certificate", thresholdDays: 7 },
        { subjectType: "certificate", thresholdDays: 1 },
        { subjectType: "ca", thresholdDays: 7 },
      ]),
    );
  });
});
