"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";
import { useSaveForm } from "@/components/ui/use-save-form";
import { setGroupIdpGroupAction } from "@/lib/platform/actions/group-actions";

/** Which of the identity provider's groups this group follows at each single sign-on. */
export function IdpGroupForm({ orgSlug, groupId, idpGroup }: { orgSlug: string; groupId: string; idpGroup: string | null }) {
  const [value, setValue] = useState(idpGroup ?? "");
  const form = useSaveForm(setGroupIdpGroupAction);
  return (
    <form
      className="flex flex-col gap-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        form.save({ orgSlug, groupId, idpGroup: value });
      }}>
      <FormMessage message={form.formError} />
      <TextField
        label="Identity provider group"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        placeholder="engineering"
        errors={form.fieldErrors.idpGroup}
        hint="As the provider's groups claim names it (Entra ID: the group's object id). At each single sign-on, people it lists join this group and people it no longer lists leave. Blank: members are managed here only."
      />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={form.pending}>
          {form.pending ? "Saving…" : "Save provider group"}
        </Button>
        {form.saved ? <span className="text-sm text-green-800">Saved.</span> : null}
      </div>
    </form>
  );
}
