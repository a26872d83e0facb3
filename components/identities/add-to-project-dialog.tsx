"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { useGrantableProjects } from "@/components/invitations/project-roles-field";
import { addProjectMemberAction } from "@/lib/platform/actions/project-member-actions";
import { PRODUCT_TYPE_LABELS } from "@/lib/platform/authz/catalogue";

type Props = { orgSlug: string; identityId: string; name: string; inProjects: string[] };

/**
 * Gives the identity a role in a project, from its own page: the projects are those the viewer
 * may add members to, the roles those they may hand out there, and what the chosen role allows
 * is shown, including when it cannot read secret values.
 */
export function AddIdentityToProjectDialog({ orgSlug, identityId, name, inProjects }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [projectId, setProjectId] = useState("");
  const [role, setRole] = useState("");
  const loaded = useGrantableProjects(orgSlug);
  const projects = (loaded.data ?? []).filter((project) => !inProjects.includes(project.id) && project.roles.length > 0);
  const project = projects.find((one) => one.id === projectId);
  const chosen = project?.roles.find((one) => one.slug === role);
  const { submit, pending, fieldErrors, formError, setFieldErrors } = useFormAction(addProjectMemberAction, () => {
    setOpen(false);
    setProjectId("");
    setRole("");
    router.refresh();
  });
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button variant="secondary">Add to project</Button>}
      title={`Add ${name} to a project`}
      description="It reads and writes there through the API with the role you choose, like a member with that role."
      formError={formError}
      submitLabel="Add to project"
      pendingLabel="Adding…"
      pending={pending}
      onSubmit={() => {
        if (!project) return setFieldErrors({ projectId: ["Choose a project"] });
        if (!chosen) return setFieldErrors({ grants: ["Choose a role"] });
        submit({ orgSlug, projectSlug: project.slug, userIds: [identityId], grants: [{ role: chosen.slug, expiresAt: null }] });
      }}>
      {loaded.isPending ? (
        <p className="text-sm text-slate-600">Loading the projects you can add members to…</p>
      ) : projects.length === 0 ? (
        <p className="text-sm text-slate-600">There is no project you can add it to: it is in all of yours, or you cannot add members anywhere else.</p>
      ) : (
        <>
          <SelectField
            label="Project"
            value={projectId}
            onChange={(event) => {
              setProjectId(event.target.value);
              setRole("");
            }}
            options={[
              { value: "", label: "Choose a project" },
              ...projects.map((one) => ({ value: one.id, label: `${one.name} · ${PRODUCT_TYPE_LABELS[one.type]}` })),
            ]}
            errors={fieldErrors.projectId}
          />
          {project ? (
            <SelectField
              label="Role"
              value={role}
              onChange={(event) => setRole(event.target.value)}
              options={[{ value: "", label: "Choose a role" }, ...project.roles.map((one) => ({ value: one.slug, label: one.label }))]}
              errors={fieldErrors.grants}
            />
          ) : null}
          {chosen ? (
            <div className="text-sm">
              <p className="font-medium text-slate-800">{chosen.label} allows</p>
              <ul className="mt-1 list-disc pl-5 text-xs text-slate-600">
                {chosen.allows.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              {project?.type === "SECRET_MANAGER" && !chosen.permissions.includes("secret:read-value") ? (
                <p role="note" className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-amber-900">
                  {chosen.label} cannot read secret values: through the API it gets each key with an empty value. Choose a role that reads values if it needs
                  them.
                </p>
              ) : null}
            </div>
          ) : null}
        </>
      )}
    </FormDialog>
  );
}
