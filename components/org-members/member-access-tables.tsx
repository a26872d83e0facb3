import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import type { MemberAccess } from "@/lib/platform/org-members/member-access";

const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

function Roles({ roles }: { roles: MemberAccess["projects"][number]["roles"] }) {
  return (
    <ul className="flex flex-wrap gap-2">
      {roles.map((role, index) => (
        <li key={index} className="rounded-md bg-slate-100 px-2 py-0.5 text-xs text-slate-800">
          {role.roleName}
          {role.expiresAt ? ` · until ${role.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : ""}
        </li>
      ))}
    </ul>
  );
}

/** A member's groups with what each gives, and their own project roles (member and identity pages). */
export function MemberAccessTables({ orgSlug, member }: { orgSlug: string; member: MemberAccess }) {
  return (
    <>
      <section aria-labelledby="member-groups-heading" className="flex flex-col gap-3">
        <h2 id="member-groups-heading" className="text-lg font-semibold">
          Groups
        </h2>
        {member.groupsOff ? <p className="text-sm text-amber-900">The organization&apos;s plan has no groups: they give nothing now.</p> : null}
        <DataTable columns={["Group", "What it gives"]} empty={member.groups.length === 0 ? "Not in any group." : null}>
          {member.groups.map((group) => (
            <tr key={group.id} className="border-b border-slate-100 align-top last:border-0">
              <td>
                <Link href={`/orgs/${orgSlug}/groups/${group.slug}`} className="font-medium text-brand-700 hover:underline">
                  {group.name}
                </Link>
                <span className="block text-xs text-slate-600">since {day.format(group.addedAt)}</span>
              </td>
              <td className="flex flex-col gap-2 text-sm">
                {group.orgRoleName ? <span>Org role {group.orgRoleName}</span> : null}
                {group.projects.map((project) => (
                  <span key={project.id} className="flex flex-wrap items-center gap-2">
                    <Link href={`/orgs/${orgSlug}/projects/${project.slug}`} className="text-brand-700 hover:underline">
                      {project.name}
                    </Link>
                    <Roles roles={project.roles} />
                  </span>
                ))}
                {!group.orgRoleName && group.projects.length === 0 ? <span className="text-slate-600">Nothing you can see.</span> : null}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
      <section aria-labelledby="member-projects-heading" className="flex flex-col gap-3">
        <h2 id="member-projects-heading" className="text-lg font-semibold">
          Their own project roles
        </h2>
        <DataTable columns={["Project", "Roles"]} empty={member.projects.length === 0 ? "No project role of their own." : null}>
          {member.projects.map((project) => (
            <tr key={project.id} className="border-b border-slate-100 last:border-0">
              <td>
                <Link href={`/orgs/${orgSlug}/projects/${project.slug}`} className="text-brand-700 hover:underline">
                  {project.name}
                </Link>
              </td>
              <td>
                <Roles roles={project.roles} />
              </td>
            </tr>
          ))}
        </DataTable>
        {member.hiddenProjects > 0 ? (
          <p className="text-sm text-slate-600">
            and roles in {member.hiddenProjects} {member.hiddenProjects === 1 ? "project" : "projects"} you are not in.
          </p>
        ) : null}
      </section>
    </>
  );
}
