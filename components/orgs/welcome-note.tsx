import type { ProjectSwitcherEntry } from "@/lib/platform/projects/switcher-projects";

/**
 * Greets someone who has just joined (an invitation or link sends them here with ?welcome=1)
 * and says what they were given, read from the database on this request, not from the URL.
 */
export function WelcomeNote({ orgName, roleName, projects }: { orgName: string; roleName: string; projects: ProjectSwitcherEntry[] }) {
  const given = projects.filter((project) => project.roles.length > 0);
  return (
    <div role="status" className="mt-4 rounded-lg border border-green-200 bg-green-50 px-4 py-3 text-sm text-green-900">
      <p className="font-medium">Welcome to {orgName}.</p>
      <p className="mt-1">
        You joined as {roleName}
        {given.length > 0
          ? `, with ${given
              .slice(0, 3)
              .map((project) => `${project.roles.map((role) => role.label).join(" and ")} in ${project.name}`)
              .join(", ")}${given.length > 3 ? ` and ${given.length - 3} more projects` : ""}.`
          : ". A project admin can add you to projects."}
      </p>
    </div>
  );
}
