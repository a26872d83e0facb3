import type { Metadata } from "next";
import Link from "next/link";
import { offersPkiFirstSteps } from "@/lib/products/pki/first-steps";
import { offersSecretsFirstSteps } from "@/lib/products/secrets/first-steps";
import { PRODUCT_TYPE_DESCRIPTIONS, PRODUCT_TYPE_LABELS, projectSubjects } from "@/lib/platform/authz/catalogue";
import { summarizeRules } from "@/lib/platform/authz/summarize-rules";
import { requireProjectAccess } from "@/lib/platform/authz/project-access";
import { ExpiryLabel } from "@/components/project-members/expiry-label";
import { requestTime } from "@/lib/platform/request-time";
import { PageHeader } from "@/components/layout/page-header";
import { RequestRoleDialog } from "@/components/role-requests/request-role-dialog";
import { requestOptionsInProject } from "@/lib/platform/role-requests/requestable-roles";

type Props = { params: Promise<{ orgSlug: string; projectSlug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { orgSlug, projectSlug } = await params;
  const { project } = await requireProjectAccess(orgSlug, projectSlug);
  return { title: project.name };
}

export default async function ProjectOverviewPage({ params }: Props) {
  const { orgSlug, projectSlug } = await params;
  const access = await requireProjectAccess(orgSlug, projectSlug);
  const { project, membership, can, rules } = access;
  const renderedAt = requestTime();
  const [firstSteps, pkiFirstSteps, requestOptions] = await Promise.all([
    offersSecretsFirstSteps(access),
    offersPkiFirstSteps(access),
    can("role-request:create") ? requestOptionsInProject(access) : null,
  ]);
  const secretsHref = `/orgs/${access.orgAccess.org.slug}/projects/${project.slug}/secrets`;
  return (
    <section aria-labelledby="project-heading">
      <PageHeader
        id="project-heading"
        title={project.name}
        description={
          <>
            {PRODUCT_TYPE_LABELS[project.type]} · <span className="font-mono">{project.slug}</span>
          </>
        }
        actions={
          requestOptions && requestOptions.roles.length > 0 ? (
            <RequestRoleDialog
              orgSlug={access.orgAccess.org.slug}
              projectSlug={project.slug}
              projectName={project.name}
              options={requestOptions}
              triggerLabel="Request a role"
            />
          ) : null
        }
      />
      {firstSteps ? (
        <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8 text-center">
          <h2 className="text-base font-semibold">Add your first secret</h2>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
            Secrets live in environments (Development, Staging, Production) and folders. Add one by hand, or bring a whole .env file.
          </p>
          <div className="mt-4 flex flex-wrap justify-center gap-3">
            <Link href={`${secretsHref}?start=add`} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
              Add your first secret
            </Link>
            <Link
              href={`${secretsHref}?start=import`}
              className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-50">
              Import a .env file
            </Link>
          </div>
        </div>
      ) : null}
      {pkiFirstSteps ? (
        <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8 text-center">
          <h2 className="text-base font-semibold">Create your first CA</h2>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
            Start with a root CA, then an intermediate under it to issue certificates from; or an intermediate signed by a root outside Tessera.
          </p>
          <div className="mt-4 flex justify-center">
            <Link
              href={`/orgs/${access.orgAccess.org.slug}/projects/${project.slug}/certificate-authorities?create=ca`}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
              Create your first CA
            </Link>
          </div>
        </div>
      ) : null}
      {can("project:read") ? (
        <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6">
          <p className="text-sm text-slate-700">{project.description || PRODUCT_TYPE_DESCRIPTIONS[project.type]}</p>
          {project.type === "PAM" ? (
            <ol aria-label="How access works here" className="mt-3 list-decimal pl-5 text-sm text-slate-700">
              <li>An admin adds a database (Resources) with a broker login, and the roles people may ask for (Accounts).</li>
              <li>Access policies say who approves which accounts, how many approvals, and for how long at most.</li>
              <li>A member asks for an account with a reason; once approved, they see a login and password once.</li>
              <li>The login ends on time or on Revoke: Tessera drops the role and ends its connections, which it samples every 5 seconds.</li>
            </ol>
          ) : null}
          {membership && membership.liveRoles.length > 0 ? (
            <p className="mt-4 text-sm text-slate-600">
              Your roles here:{" "}
              {membership.grants.map((grant, index) => (
                <span key={grant.role}>
                  {index > 0 ? ", " : ""}
                  {grant.label}
                  {grant.expiresAt ? (
                    <>
                      {" · "}
                      <ExpiryLabel expiresAt={grant.expiresAt.toISOString()} renderedAt={renderedAt} />
                    </>
                  ) : null}
                </span>
              ))}
            </p>
          ) : null}
          {membership ? (
            <div className="mt-4">
              <h2 className="text-sm font-semibold text-slate-800">What you can do here</h2>
              <ul className="mt-1 list-disc pl-5 text-sm text-slate-600">
                {summarizeRules(rules, projectSubjects(project.type)).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
