"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { useFormAction } from "@/components/ui/use-form-action";
import { setStepUpMinutesAction } from "@/lib/platform/actions/org-actions";

const CHOICES = [
  { value: "", label: "Off" },
  { value: "5", label: "After 5 minutes" },
  { value: "15", label: "After 15 minutes" },
  { value: "60", label: "After 1 hour" },
  { value: "240", label: "After 4 hours" },
];

/** The org's step-up: how long a second factor counts before sensitive actions ask for it again. */
export function StepUpForm({ orgSlug, minutes, viewerHasSecondFactor }: { orgSlug: string; minutes: number | null; viewerHasSecondFactor: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState(minutes === null ? "" : String(minutes));
  const [saved, setSaved] = useState(false);
  const save = useFormAction(setStepUpMinutesAction, () => {
    setSaved(true);
    router.refresh();
  });
  return (
    <form
      className="flex flex-col gap-3 text-sm"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        save.submit({ orgSlug, minutes: value === "" ? null : Number(value) });
      }}>
      <p className="text-slate-700">
        Revealing or exporting secret values, deciding database access requests, changing org roles (of members and groups) and deleting a CA ask for the second
        factor again when the session&apos;s last one is older than this.
      </p>
      {!viewerHasSecondFactor ? (
        <p role="note" className="text-amber-900">
          Set up two-factor sign-in on your{" "}
          <a className="underline" href="/account">
            account page
          </a>{" "}
          before turning this on.
        </p>
      ) : null}
      <FormMessage message={save.formError} />
      <SelectField
        label="Ask again"
        options={CHOICES}
        value={value}
        onChange={(event) => {
          setValue(event.target.value);
          setSaved(false);
        }}
        errors={save.fieldErrors.minutes}
      />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={save.pending}>
          {save.pending ? "Saving…" : "Save step-up"}
        </Button>
        {saved ? (
          <span role="status" className="text-green-800">
            Saved.
          </span>
        ) : null}
      </div>
    </form>
  );
}
