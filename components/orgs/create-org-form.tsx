"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useNameAndSlug } from "@/components/ui/use-name-and-slug";
import { useFormAction } from "@/components/ui/use-form-action";
import { createOrgAction } from "@/lib/platform/actions/org-actions";
import { SLUG_MAX_LENGTH } from "@/lib/platform/slugs";

export function CreateOrgForm({ submitLabel = "Create organization" }: { submitLabel?: string }) {
  const router = useRouter();
  const { name, slug, setName, setSlug } = useNameAndSlug();
  const { submit, pending, fieldErrors, formError } = useFormAction(createOrgAction, ({ slug: created }) => {
    router.push(`/orgs/${created}`);
    router.refresh();
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ name, slug });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormMessage message={formError} />
      <TextField
        label="Organization name"
        name="name"
        required
        autoFocus
        maxLength={64}
        value={name}
        onChange={(event) => setName(event.target.value)}
        errors={fieldErrors.name}
      />
      <TextField
        label="URL slug"
        name="slug"
        required
        maxLength={SLUG_MAX_LENGTH}
        autoCapitalize="none"
        spellCheck={false}
        hint={
          <>
            Your organization will live at <span className="font-mono">/orgs/{slug || "your-slug"}</span>. Lower-case letters, digits and hyphens.
          </>
        }
        value={slug}
        onChange={(event) => setSlug(event.target.value)}
        errors={fieldErrors.slug}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : submitLabel}
      </Button>
    </form>
  );
}
