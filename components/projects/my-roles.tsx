import { ExpiryLabel } from "@/components/project-members/expiry-label";

/**
 * The person's roles in a project as they hold them: "Member · expires in 1 h, Viewer".
 * `renderedAt` is the request's time when rendered on the server (see ExpiryLabel).
 */
export function MyRoles({ roles, renderedAt }: { roles: Array<{ label: string; expiresAt: string | null }>; renderedAt?: number }) {
  return (
    <>
      {roles.map((role, index) => (
        <span key={role.label}>
          {index > 0 ? ", " : ""}
          {role.label}
          {role.expiresAt ? (
            <>
              {" · "}
              <ExpiryLabel expiresAt={role.expiresAt} renderedAt={renderedAt} />
            </>
          ) : null}
        </span>
      ))}
    </>
  );
}
