"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { TextField } from "@/components/ui/text-field";
import { useNameAndSlug } from "@/components/ui/use-name-and-slug";
import { useFormAction } from "@/components/ui/use-form-action";
import { createProjectAction } from "@/lib/platform/actions/project-actions";
import { PRODUCT_TYPE_DESCRIPTIONS, PRODUCT_TYPE_LABELS, PRODUCT_TYPES, type ProductType } from "@/lib/platform/authz/catalogue";
import { SLUG_MAX_LENGTH } from "@/lib/platform/slugs";

type Props = {
  orgSlug: string;
  initialType?: ProductType;
  triggerLabel?: string;
  /** Open at once: the project switcher's "Create project" lands on the projects page asking for it. */
  openOnArrival?: boolean;
  /** Types the plan has no room for, with why ("3 / 3 PKI projects used"). */
  fullTypes?: Partial<Record<ProductType, string>>;
};

export function CreateProjectDialog({ orgSlug, initialType, triggerLabel = "New project", openOnArrival = false, fullTypes = {} }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(openOnArrival);
  const { name, slug, setName, setSlug } = useNameAndSlug();
  const [type, setType] = useState<ProductType | "">(initialType ?? "");
  const [description, setDescription] = useState("");
  const { submit, pending, fieldErrors, formError } = useFormAction(createProjectAction, ({ slug: created }) => {
    setOpen(false);
    router.push(`/orgs/${orgSlug}/projects/${created}`);
    // The org layout (its project switcher) is kept across that navigation: fetch it afresh
    // so the switcher names the new project instead of showing its slug.
    router.refresh();
  });

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button>{triggerLabel}</Button>}
      title="Create a project"
      description="The product type decides what the project can do and cannot be changed later."
      formError={formError}
      submitLabel="Create project"
      pendingLabel="Creating…"
      pending={pending}
      onSubmit={() => submit({ orgSlug, name, slug, type: type as ProductType, description })}>
      <fieldset aria-describedby={fieldErrors.type ? "project-type-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Product type</legend>
        <div className="mt-2 grid gap-2">
          {PRODUCT_TYPES.map((option) => (
            <label
              key={option}
              className={`flex cursor-pointer gap-3 rounded-md border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500 ${
                type === option ? "border-brand-500 bg-brand-50" : "border-slate-300"
              }`}>
              <input
                type="radio"
                name="type"
                value={option}
                checked={type === option}
                disabled={Boolean(fullTypes[option])}
                onChange={() => setType(option)}
                className="mt-1"
              />
              <span>
                <span className="block font-medium">{PRODUCT_TYPE_LABELS[option]}</span>
                <span className="block text-slate-600">{PRODUCT_TYPE_DESCRIPTIONS[option]}</span>
                {fullTypes[option] ? <span className="block text-amber-800">{fullTypes[option]} on this plan</span> : null}
              </span>
            </label>
          ))}
        </div>
        {fieldErrors.type ? (
          <p id="project-type-error" className="mt-1 text-sm text-red-700">
            {fieldErrors.type[0]}
          </p>
        ) : null}
      </fieldset>
      <TextField label="Project name" name="name" maxLength={64} value={name} onChange={(event) => setName(event.target.value)} errors={fieldErrors.name} />
      <TextField
        label="Project slug"
        name="slug"
        maxLength={SLUG_MAX_LENGTH}
        autoCapitalize="none"
        spellCheck={false}
        hint={
          <span className="font-mono">
            /orgs/{orgSlug}/projects/{slug || "your-slug"}
          </span>
        }
        value={slug}
        onChange={(event) => setSlug(event.target.value)}
        errors={fieldErrors.slug}
      />
      <TextField
        label="Description (optional)"
        name="description"
        maxLength={500}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        errors={fieldErrors.description}
      />
    </FormDialog>
  );
}
