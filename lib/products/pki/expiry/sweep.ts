import "server-only";
import { memberAbilities } from "../../../platform/authz/project-access.ts";
import { groupsOnSql } from "../../../platform/authz/grant-sql.ts";
import { db } from "../../../platform/db.ts";
import { publicUrl, sendMail } from "../../../platform/mail/send-mail.ts";
import { Prisma } from "../../../generated/prisma/client.ts";

/** A mail lists at most this many; the certificates list (filtered "expiring") has the rest. */
const LISTED = 50;

type Claimed = { project_id: string; subject_id: string; subject_type: "certificate" | "ca"; threshold_days: number };
type Due = { id: string; type: "certificate" | "ca"; name: string; notAfter: Date };

/**
 * Mails each project's chosen people about certificates and CAs that crossed a threshold
 * (N days before their end): each once per threshold, whichever instance sweeps first (the
 * notice's primary key decides, in the statement that claims it). Revoked and expired ones
 * are left out; one mail per person and project per sweep lists everything newly due.
 */
export async function sendExpiryAlerts(): Promise<number> {
  const claimed = await db().$queryRaw<Claimed[]>`
    WITH due AS (
      SELECT a.project_id, c.id AS subject_id, 'certificate' AS subject_type, t.days
        FROM pki_expiry_alerts a
        CROSS JOIN LATERAL unnest(a.thresholds) AS t(days)
        JOIN certificates c ON c.project_id = a.project_id AND c.revoked_at IS NULL
                           AND c.not_after > now() AND c.not_after <= now() + make_interval(days => t.days)
      UNION ALL
      SELECT a.project_id, ca.id, 'ca', t.days
        FROM pki_expiry_alerts a
        CROSS JOIN LATERAL unnest(a.thresholds) AS t(days)
        JOIN certificate_authorities ca ON ca.project_id = a.project_id AND ca.status <> 'PENDING'
                                      AND ca.not_after > now() AND ca.not_after <= now() + make_interval(days => t.days))
    INSERT INTO pki_expiry_notices (subject_id, threshold_days, project_id, subject_type)
    SELECT subject_id, days, project_id, subject_type FROM due
    ON CONFLICT DO NOTHING
    RETURNING project_id, subject_id, subject_type, threshold_days`;
  if (claimed.length === 0) return 0;
  const byProject = new Map<string, Claimed[]>();
  for (const row of claimed) byProject.set(row.project_id, [...(byProject.get(row.project_id) ?? []), row]);
  for (const [projectId, rows] of byProject) await mailProject(projectId, rows);
  return claimed.length;
}

async function mailProject(projectId: string, rows: Claimed[]): Promise<void> {
  const ids = (type: "certificate" | "ca") => [...new Set(rows.filter((row) => row.subject_type === type).map((row) => row.subject_id))];
  const [certificates, cas, project] = await Promise.all([
    db().certificate.findMany({ where: { id: { in: ids("certificate") } }, select: { id: true, commonName: true, notAfter: true } }),
    db().certificateAuthority.findMany({ where: { id: { in: ids("ca") } }, select: { id: true, name: true, notAfter: true } }),
    db().project.findUniqueOrThrow({ where: { id: projectId }, select: { id: true, type: true, name: true, slug: true, org: { select: { slug: true } } } }),
  ]);
  const due: Due[] = [
    ...cas.map((ca) => ({ id: ca.id, type: "ca" as const, name: ca.name, notAfter: ca.notAfter! })),
    ...certificates.map((certificate) => ({ id: certificate.id, type: "certificate" as const, name: certificate.commonName, notAfter: certificate.notAfter })),
  ].sort((a, b) => a.notAfter.getTime() - b.notAfter.getTime());
  const recipients = await recipientsOf(project);
  if (due.length === 0 || recipients.length === 0) return;
  const base = `/orgs/${project.org.slug}/projects/${project.slug}`;
  const days = (end: Date) => Math.max(0, Math.ceil((end.getTime() - Date.now()) / 86_400_000));
  const inDays = (count: number) => `${count} ${count === 1 ? "day" : "days"}`;
  const lines = [
    `These certificates and CAs of ${project.name} end soon:`,
    "",
    ...due
      .slice(0, LISTED)
      .map(
        (one) =>
          `- ${one.type === "ca" ? "CA " : ""}${one.name}: ends ${one.notAfter.toISOString().slice(0, 16).replace("T", " ")} UTC (in ${inDays(days(one.notAfter))})`,
      ),
    ...(due.length > LISTED ? [`- and ${due.length - LISTED} more`] : []),
    "",
    `Renew them, or see every one: ${publicUrl(`${base}/certificates?status=expiring`)}`,
  ];
  const first = due[0]!;
  const subject = `${first.name}${due.length > 1 ? ` and ${due.length - 1} more` : ""} end${due.length === 1 ? "s" : ""} within ${inDays(Math.max(...due.map((one) => days(one.notAfter))))} (${project.name})`;
  for (const person of recipients) await sendMail({ to: person.email, subject, lines });
}

/**
 * The alert's people and the members of its groups (groups only while the org's plan has
 * them), who are enabled members of the org now and may read the project's certificates.
 */
async function recipientsOf(project: { id: string; type: "SECRET_MANAGER" | "PKI" | "PAM" }): Promise<Array<{ id: string; email: string }>> {
  const people = await db().$queryRaw<Array<{ id: string; email: string }>>`
    SELECT DISTINCT u.id, u.email
      FROM pki_expiry_alerts a
      JOIN projects p ON p.id = a.project_id
      JOIN organizations o ON o.id = p.org_id
      JOIN users u ON u.id = ANY(a.recipient_ids)
                   OR u.id IN (SELECT gm.user_id FROM group_members gm JOIN groups g ON g.id = gm.group_id
                                WHERE gm.group_id = ANY(a.group_ids) AND g.org_id = o.id AND ${groupsOnSql(Prisma.sql`o.plan`)})
      JOIN org_memberships m ON m.org_id = o.id AND m.user_id = u.id AND m.deactivated_at IS NULL
     WHERE a.project_id = ${project.id}::uuid AND u.kind = 'PERSON' AND u.disabled_at IS NULL`;
  const abilities = await memberAbilities(
    db(),
    project,
    people.map((person) => person.id),
  );
  return people.filter((person) => abilities.get(person.id)?.can("certificate:read"));
}
