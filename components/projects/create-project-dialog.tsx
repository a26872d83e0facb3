"use client";

import { Dialog } from "radix-ui";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { createProjectAction } from "@/lib/actions/project-actions";
import { PRODUCT_TYPE_DESCRIPTIONS, PRODUCT_TYPE_LABELS, PRODUCT_TYPES, type ProductType } from "@/lib/authz/catalogue";
import { SLUG_MAX_LENGTH, suggestSlug } from "@/lib/slugs";

export function CreateProjectDialog({ orgSlug, initialType }: { orgSlug: string; initialType?: ProductType }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [type, setType] = useState<ProductType | "">(initialType ?? "");
  const [description, setDescription] = useState("");
  const { submit, pending, fieldErrors, formError } = useFormAction(createProjectAction, ({ slug: created }) => {
    setOpen(false);
    router.push(`/orgs/${orgSlug}/projects/${created}`);
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ orgSlug, name, slug, type: type as ProductType, description });
  }

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button>New project</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 max-h-[90vh] w-full max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Create a project</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">
            The product type decides what the project can do and cannot be changed later.
          </Dialog.Description>
          <form onSubmit={onSubmit} className="mt-4 flex flex-col gap-4" noValidate>
            <FormMessage message={formError} />
            <fieldset aria-describedby={fieldErrors.type ? "project-type-error" : undefined}>
              <legend className="text-sm font-medium text-slate-800">Product type</legend>
              <div className="mt-2 grid gap-2">
                {PRODUCT_TYPES.map((option) => (
                  <label
                    key={option}
                    className={`flex cursor-pointer gap-3 rounded-md border p-3 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500 ${
                      type === option ? "border-brand-500 bg-brand-50" : "border-slate-300"
                    }`}
                  >
                    <input
                      type="radio"
                      name="type"
                      value={option}
                      checked={type === option}
                      onChange={() => setType(option)}
                      className="mt-1"
                    />
                    <span>
                      <span className="block font-medium">{PRODUCT_TYPE_LABELS[option]}</span>
                      <span className="block text-slate-600">{PRODUCT_TYPE_DESCRIPTIONS[option]}</span>
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
            <TextField
              label="Project name"
              name="name"
              maxLength={64}
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                if (!slugEdited) setSlug(suggestSlug(event.target.value));
              }}
              errors={fieldErrors.name}
            />
            <TextField
              label="Project slug"
              name="slug"
              maxLength={SLUG_MAX_LENGTH}
              autoCapitalize="none"
              spellCheck={false}
              hint={<span className="font-mono">/orgs/{orgSlug}/projects/{slug || "your-slug"}</span>}
              value={slug}
              onChange={(event) => {
                setSlugEdited(true);
                setSlug(event.target.value);
              }}
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
            <div className="flex justify-end gap-3">
              <Dialog.Close asChild>
                <Button variant="secondary">Cancel</Button>
              </Dialog.Close>
              <Button type="submit" disabled={pending}>
                {pending ? "Creating…" : "Create project"}
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
