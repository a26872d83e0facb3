/** The project roles someone gets on joining, as the invitation and join pages show them. */
export function ProjectRolesList({ projectRoles }: { projectRoles: Array<{ projectName: string; roleLabel: string }> }) {
  if (projectRoles.length === 0) return null;
  return (
    <div className="mt-3 text-sm text-slate-600">
      <p>You will also join these projects:</p>
      <ul className="mt-1 list-disc pl-5">
        {projectRoles.map((offer) => (
          <li key={offer.projectName}>
            <strong>{offer.projectName}</strong> as {offer.roleLabel}
          </li>
        ))}
      </ul>
    </div>
  );
}
