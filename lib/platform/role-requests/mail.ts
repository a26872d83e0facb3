import "server-only";
import { afterResponse } from "../after-response.ts";
import { db } from "../db.ts";
import { formatDuration } from "../format-duration.ts";
import { quoted } from "../mail/quoted.ts";
import { mailConfigured, publicUrl, sendMail } from "../mail/send-mail.ts";

type AboutRequest = {
  org: { name: string; slug: string };
  project: { name: string };
  requestId: string;
  requester: { name: string; email: string };
  roleName: string;
  durationMinutes: number;
  reason: string;
};

const requestLink = (about: AboutRequest) => publicUrl(`/orgs/${about.org.slug}/access-requests/${about.requestId}`);

async function mailPeople(userIds: readonly string[], compose: () => { subject: string; lines: string[] }): Promise<void> {
  if (!mailConfigured() || userIds.length === 0) return;
  const people = await db().user.findMany({ where: { id: { in: [...userIds] }, kind: "PERSON" }, select: { email: true } });
  const mail = compose();
  await afterResponse(() => Promise.all(people.map((person) => sendMail({ to: person.email, ...mail }))));
}

/** Every possible approver hears of a new request, with a link to decide it. */
export function tellApproversOfRequest(approverIds: readonly string[], about: AboutRequest): Promise<void> {
  return mailPeople(approverIds, () => ({
    subject: `Tessera: ${about.requester.name} asks for ${about.roleName} in ${about.project.name}`,
    lines: [
      `${quoted(about.requester.name)} (${about.requester.email}) asks for the ${quoted(about.roleName)} role in ${quoted(about.project.name)} (${about.org.name}) for ${formatDuration(about.durationMinutes * 60)}.`,
      "",
      `Reason: ${quoted(about.reason)}`,
      "",
      `Approve or reject it: ${requestLink(about)}`,
    ],
  }));
}

/** Break-glass: every approver is told at once, with the reason. */
export function tellApproversOfBreakGlass(approverIds: readonly string[], about: AboutRequest): Promise<void> {
  return mailPeople(approverIds, () => ({
    subject: `Break-glass access: ${about.requester.name} took ${about.roleName} in ${about.project.name}`,
    lines: [
      `${quoted(about.requester.name)} (${about.requester.email}) gave themselves the ${quoted(about.roleName)} role in ${quoted(about.project.name)} for ${formatDuration(about.durationMinutes * 60)} without approval.`,
      "",
      `Reason: ${quoted(about.reason)}`,
      "",
      `Review or end it: ${requestLink(about)}`,
    ],
  }));
}

/** The requester hears the decision that settled their request. */
export function tellRequesterOfDecision(about: AboutRequest & { requesterId: string; approved: boolean; deciderName: string; comment: string }): Promise<void> {
  return mailPeople([about.requesterId], () => ({
    subject: `Tessera: your request for ${about.roleName} in ${about.project.name} was ${about.approved ? "approved" : "rejected"}`,
    lines: [
      about.approved
        ? `You hold the ${quoted(about.roleName)} role in ${quoted(about.project.name)} for ${formatDuration(about.durationMinutes * 60)}, approved by ${quoted(about.deciderName)}.`
        : `${quoted(about.deciderName)} rejected your request for the ${quoted(about.roleName)} role in ${quoted(about.project.name)}.`,
      ...(about.comment ? ["", `Comment: ${quoted(about.comment)}`] : []),
      "",
      `See the request: ${requestLink(about)}`,
    ],
  }));
}
