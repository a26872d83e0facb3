import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { requireOrgAccess } from "@/lib/platform/authz/org-page";
import { ORG_SUBJECTS, PRODUCT_TYPE_LABELS, PRODUCT_TYPES, projectSubjects, type ProductType, type SubjectDefinition } from "@/lib/platform/authz/catalogue";
import { explainAccess, explainerProjects, findMemberForExplainer, type Explanation } from "@/lib/platform/authz/explain-access";
import { ValidationError } from "@/lib/platform/errors";

type Props = {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Why can someone do something?" };

const RESOURCE_FIELDS = [
  { name: "environment", label: "Environment (slug)", hint: "Secrets" },
  { name: "secretPath", label: "Secret path", hint: "Secrets, e.g. /api" },
  { name: "caName", label: "CA name", hint: "PKI" },
  { name: "profileName", label: "Certificate profile", hint: "PKI" },
  { name: "name", label: "Certificate name", hint: "PKI" },
  { name: "resourceName", label: "Resource name", hint: "PAM" },
  { name: "accountName", label: "Account name", hint: "PAM" },
] as const;

const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

function permissionOptions(subjects: Readonly<Record<string, SubjectDefinition>>) {
  return Object.entries(subjects).flatMap(([subject, definition]) =>
    Object.entries(definition.actions).map(([action, label]) => ({ value: `${subject}:${action}`, label: `${definition.label}: ${label.toLowerCase()}` })),
  );
}

const text = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

export default async function ExplainPage({ params, searchParams }: Props) {
  const { orgSlug } = await params;
  const access = await requireOrgAccess(orgSlug);
  if (!access.can("member:read")) notFound();
  const search = await searchParams;
  const who = text(search.who);
  const projectId = text(search.project);
  const permission = text(search.permission);
  const resource = Object.fromEntries(RESOURCE_FIELDS.map((field) => [field.name, text(search[field.name])]));
  const [found, projects] = await Promise.all([
    text(search.userId) ? { userId: text(search.userId), candidates: [] } : findMemberForExplainer(access, who),
    explainerProjects(access),
  ]);
  let explanation: Explanation | null = null;
  let problem: string | null = null;
  if (found.userId && permission) {
    try {
      explanation = await explainAccess(access, { userId: found.userId, projectId: projectId || null, permission, resource });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problem = Object.values(error.fieldErrors).flat().join(" ");
    }
  } else if (who && !found.userId) {
    problem = found.candidates.length === 0 ? `Nobody in this organization matches "${who}".` : "Several members match: choose one below.";
  }
  const base = `/orgs/${orgSlug}/groups/explain`;
  const keep = { project: projectId, permission, ...resource };
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        id="explain-heading"
        back={{ href: `/orgs/${orgSlug}/groups`, label: "Groups" }}
        title="Why can someone do something?"
        description="Pick a person or machine identity, a project and an action: the answer names every role that leads to it — their own or through a group — and any deny that wins."
      />
      <form action={base} method="get" className="grid max-w-3xl gap-3 sm:grid-cols-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Who</span>
          <input name="who" defaultValue={who} required placeholder="Email, or a name" className="rounded-md border border-slate-300 px-2 py-2" />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Where</span>
          <select name="project" defaultValue={projectId} className="rounded-md border border-slate-300 bg-white px-2 py-2">
            <option value="">The organization (org roles)</option>
            {projects.map((project) => (
              <option key={project.id} value={project.id}>
                {project.name} ({PRODUCT_TYPE_LABELS[project.type as ProductType]})
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm sm:col-span-2">
          <span className="font-medium">Action</span>
          <select name="permission" defaultValue={permission} required className="rounded-md border border-slate-300 bg-white px-2 py-2">
            <option value="">Choose an action</option>
            <optgroup label="Organization">
              {permissionOptions(ORG_SUBJECTS).map((option) => (
                <option key={`org/${option.value}`} value={option.value}>
                  {option.label}
                </option>
              ))}
            </optgroup>
            {PRODUCT_TYPES.map((type) => (
              <optgroup key={type} label={`${PRODUCT_TYPE_LABELS[type]} project`}>
                {permissionOptions(projectSubjects(type)).map((option) => (
                  <option key={`${type}/${option.value}`} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <fieldset className="grid gap-3 sm:col-span-2 sm:grid-cols-3">
          <legend className="mb-1 text-sm font-medium">On what (for actions whose roles may have conditions)</legend>
          {RESOURCE_FIELDS.map((field) => (
            <label key={field.name} className="flex flex-col gap-1 text-sm">
              <span>{field.label}</span>
              <input name={field.name} defaultValue={resource[field.name]} placeholder={field.hint} className="rounded-md border border-slate-300 px-2 py-2" />
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
            Explain
          </button>
        </div>
      </form>

      {problem ? (
        <p role="alert" className="max-w-3xl rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {problem}
        </p>
      ) : null}
      {!found.userId && found.candidates.length > 1 ? (
        <ul aria-label="Members who match" className="flex max-w-3xl flex-col gap-1 text-sm">
          {found.candidates.map((candidate) => (
            <li key={candidate.userId}>
              <Link
                href={`${base}?${new URLSearchParams({ ...keep, who: candidate.email, userId: candidate.userId })}`}
                className="text-brand-700 hover:underline">
                {candidate.name}
              </Link>{" "}
              <span className="text-slate-600">{candidate.kind === "IDENTITY" ? "machine identity" : candidate.email}</span>
            </li>
          ))}
        </ul>
      ) : null}

      {explanation ? (
        <section aria-labelledby="answer-heading" className="flex max-w-3xl flex-col gap-3">
          <h2 id="answer-heading" className="text-lg font-semibold">
            {explanation.principal.name} — {explanation.permissionLabel}
          </h2>
          <p
            role="status"
            data-testid="explanation"
            className={`rounded-md px-3 py-2 text-sm ${explanation.allowed ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}`}>
            {explanation.summary}
          </p>
          {explanation.groupsOff ? <p className="text-sm text-slate-700">Their groups give nothing now: the organization&apos;s plan has no groups.</p> : null}
          <ul className="flex flex-col gap-2">
            {explanation.roles.map((role, index) => (
              <li key={index} className="rounded-md border border-slate-200 p-3 text-sm">
                <p className="font-medium">
                  {role.roleName}
                  {role.path.kind === "group" ? (
                    <>
                      {" via group "}
                      <Link href={`/orgs/${orgSlug}/groups/${role.path.groupSlug}`} className="text-brand-700 hover:underline">
                        {role.path.groupName}
                      </Link>
                      <span className="font-normal text-slate-600">
                        {" "}
                        (added{role.path.addedBy ? ` by ${role.path.addedBy}` : ""} on {day.format(role.path.addedAt)})
                      </span>
                    </>
                  ) : (
                    <span className="font-normal text-slate-600"> (their own, since {day.format(role.path.grantedAt)})</span>
                  )}
                  {role.expiresAt ? (
                    <span className="font-normal text-slate-600"> · until {role.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC</span>
                  ) : null}
                </p>
                {role.allows.length > 0 ? <p className="text-green-800">Allows: {role.allows.join(" ")}</p> : null}
                {role.denies.length > 0 ? <p className="text-red-800">Denies: {role.denies.join(" ")}</p> : null}
                {role.allows.length === 0 && role.denies.length === 0 ? <p className="text-slate-600">Says nothing about this action.</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
