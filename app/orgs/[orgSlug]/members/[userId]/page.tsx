import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { MemberAccessTables } from "@/components/org-members/member-access-tables";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";
import { NotFoundError } from "@/lib/platform/errors";
import { idSchema } from "@/lib/platform/ids";
import { getMemberAccess } from "@/lib/platform/org-members/member-access";

type Props = { params: Promise<{ orgSlug: string; userId: string }> };

export const metadata: Metadata = { title: "Member" };

export default async function MemberPage({ params }: Props) {
  const { orgSlug, userId } = await params;
  const access = await requireOrgAccess(orgSlug);
  if (!access.can("member:read") || !idSchema.safeParse(userId).success) notFound();
  const member = await getMemberAccess(access, userId).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <div className="flex flex-col gap-8">
      <PageHeader
        id="member-heading"
        back={{ href: `/orgs/${orgSlug}/members`, label: "Members" }}
        title={member.name}
        description={`${member.kind === "IDENTITY" ? "Machine identity" : member.email} · org role ${member.orgRoleName} · joined ${member.joinedAt.toISOString().slice(0, 10)}`}
        actions={
          <Link
            href={`/orgs/${orgSlug}/groups/explain?${new URLSearchParams({ who: member.kind === "IDENTITY" ? member.name : member.email, userId: member.userId })}`}
            className="text-sm text-brand-700 hover:underline">
            Why can {member.name} do something?
          </Link>
        }
      />
      <MemberAccessTables orgSlug={orgSlug} member={member} />
    </div>
  );
}
