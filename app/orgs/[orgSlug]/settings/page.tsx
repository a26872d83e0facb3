import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LeaveOrgButton } from "@/components/org-members/leave-org-button";
import { AuditRetentionForm } from "@/components/audit/audit-retention-form";
import { DeleteOrg } from "@/components/orgs/delete-org";
import { RenameOrgForm } from "@/components/orgs/rename-org-form";
import { Card } from "@/components/ui/card";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";
import { getAuditRetention } from "@/lib/platform/audit-log/retention";
import { describeSeats } from "@/lib/platform/org-members/describe-seats";
import { getSeatUsage } from "@/lib/platform/org-members/seat-usage";
import { PageHeader } from "@/components/layout/page-header";
import { getTwoFactorPolicy } from "@/lib/platform/orgs/two-factor-policy";
import { TwoFactorPolicyForm } from "@/components/orgs/two-factor-policy-form";
import { StepUpForm } from "@/components/orgs/step-up-form";
import { isSoleAdmin } from "@/lib/platform/org-members/sole-admin";
import { SsoSettings } from "@/components/orgs/sso-settings";
import { getSsoConnection } from "@/lib/platform/sso/connection";
import { ssoCallbackUrl } from "@/lib/platform/sso/oidc";
import { backchannelLogoutUrl } from "@/lib/platform/sso/backchannel-logout";
import { publicUrl } from "@/lib/platform/mail/send-mail";
import { ScimProvisioning } from "@/components/orgs/scim-provisioning";
import { scimBase } from "@/lib/platform/scim/resources";
import { listScimTokens } from "@/lib/platform/scim/tokens";

export const metadata: Metadata = { title: "Organization settings" };

const PLAN_LABELS = { FREE: "Free", PRO: "Pro", ENTERPRISE: "Enterprise" } as const;

export default async function OrgSettingsPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const access = await requireOrgAccess((await params).orgSlug);
  if (!access.can("organization:read")) notFound();
  const [seats, retentionDays, soleAdmin, twoFactorPolicy, sso, scimTokens] = await Promise.all([
    getSeatUsage(access),
    getAuditRetention(access),
    isSoleAdmin(access),
    getTwoFactorPolicy(access),
    getSsoConnection(access),
    access.can("organization:edit") ? listScimTokens(access) : null,
  ]);
  const { org } = access;
  return (
    <section aria-labelledby="settings-heading" className="flex max-w-2xl flex-col gap-6">
      <PageHeader id="settings-heading" title="Settings" />
      <Card>
        <h2 className="mb-4 text-base font-semibold">General</h2>
        {access.can("organization:edit") ? <RenameOrgForm orgSlug={org.slug} name={org.name} /> : <p className="text-sm">{org.name}</p>}
        <p className="mt-4 text-sm text-slate-500">
          URL slug: <span className="font-mono">{org.slug}</span> (kept, so links keep working)
        </p>
      </Card>
      {access.can("billing:read") ? (
        <Card>
          <h2 className="text-base font-semibold">Plan and seats</h2>
          <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
            <dt className="text-slate-500">Plan</dt>
            <dd>{PLAN_LABELS[org.plan]}</dd>
            <dt className="text-slate-500">Seats</dt>
            <dd>{describeSeats(seats)}</dd>
          </dl>
        </Card>
      ) : null}
      <Card>
        <h2 className="mb-4 text-base font-semibold">Two-factor sign-in</h2>
        {access.can("organization:edit") ? (
          <TwoFactorPolicyForm orgSlug={org.slug} policy={twoFactorPolicy} />
        ) : (
          <p className="text-sm">{twoFactorPolicy.required ? "Required for every member." : "Not required."}</p>
        )}
      </Card>
      <Card>
        <h2 className="mb-4 text-base font-semibold">Step-up for sensitive actions</h2>
        {access.can("organization:edit") ? (
          <StepUpForm orgSlug={org.slug} minutes={twoFactorPolicy.stepUpMinutes} viewerHasSecondFactor={twoFactorPolicy.viewerHasIt} />
        ) : (
          <p className="text-sm">
            {twoFactorPolicy.stepUpMinutes === null
              ? "Off."
              : `Sensitive actions ask for the second factor again after ${twoFactorPolicy.stepUpMinutes} minutes.`}
          </p>
        )}
      </Card>
      <Card>
        <h2 className="mb-4 text-base font-semibold">Single sign-on (OpenID Connect)</h2>
        {access.can("organization:edit") ? (
          <SsoSettings
            orgSlug={org.slug}
            callbackUrl={ssoCallbackUrl()}
            logoutUrl={backchannelLogoutUrl(org.slug)}
            signInUrl={publicUrl(`/api/sso/start?org=${org.slug}`)}
            connection={
              sso
                ? {
                    issuer: sso.issuer,
                    clientId: sso.clientId,
                    allowedDomains: sso.allowedDomains,
                    defaultRole: sso.defaultRole,
                    testedAt: sso.testedAt?.toISOString() ?? null,
                    testedBy: sso.testedBy,
                    active: sso.active,
                    enforced: sso.enforced,
                    groupsClaim: sso.groupsClaim,
                    sessionHours: sso.sessionHours,
                    viewerCameThroughSso: sso.viewerCameThroughSso,
                  }
                : null
            }
          />
        ) : (
          <p className="text-sm">{sso?.active ? `On, through ${sso.issuer}${sso.enforced ? "; required for members" : ""}.` : "Off."}</p>
        )}
      </Card>
      {scimTokens ? (
        <Card>
          <h2 className="mb-4 text-base font-semibold">Provisioning (SCIM)</h2>
          <ScimProvisioning orgSlug={org.slug} baseUrl={scimBase(org.slug)} tokens={scimTokens} />
        </Card>
      ) : null}
      {access.can("organization:edit") ? (
        <Card>
          <h2 className="mb-4 text-base font-semibold">Audit log</h2>
          <AuditRetentionForm orgSlug={org.slug} retentionDays={retentionDays} />
        </Card>
      ) : null}
      <Card className="border-red-200">
        <h2 className="text-base font-semibold text-red-800">Danger zone</h2>
        <div className="mt-3 flex flex-col gap-4">
          <div className="flex items-center justify-between gap-4">
            <p className="text-sm text-slate-600">Leave this organization and every project in it.</p>
            <LeaveOrgButton orgSlug={org.slug} soleAdmin={soleAdmin} />
          </div>
          {access.can("organization:delete") ? (
            <div className="flex items-center justify-between gap-4 border-t border-red-100 pt-4">
              <p className="text-sm text-slate-600">Delete the organization, its projects and everything in them, for every member.</p>
              <DeleteOrg orgSlug={org.slug} orgName={org.name} />
            </div>
          ) : null}
        </div>
      </Card>
    </section>
  );
}
