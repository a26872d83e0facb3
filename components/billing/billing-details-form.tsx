"use client";

import { useState, type FormEvent } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitRow } from "@/components/ui/submit-row";
import { TextAreaField } from "@/components/ui/text-area-field";
import { TextField } from "@/components/ui/text-field";
import { useSaveForm } from "@/components/ui/use-save-form";
import { updateBillingDetailsAction } from "@/lib/platform/actions/billing-actions";
import type { BillingDetails } from "@/lib/platform/org-billing/details";

/** The company, billing email, address and tax id invoices would carry. */
export function BillingDetailsForm({ orgSlug, details }: { orgSlug: string; details: BillingDetails }) {
  const [fields, setFields] = useState(details);
  const set = (key: keyof BillingDetails) => (event: { target: { value: string } }) => setFields((current) => ({ ...current, [key]: event.target.value }));
  const { save, saved, pending, fieldErrors, formError } = useSaveForm(updateBillingDetailsAction);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save({ orgSlug, ...fields });
  }
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Billing details" className="flex flex-col gap-4">
      <FormMessage message={formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Company name" value={fields.company} onChange={set("company")} autoComplete="organization" errors={fieldErrors.company} />
        <TextField label="Billing email" type="email" value={fields.email} onChange={set("email")} autoComplete="email" errors={fieldErrors.email} />
        <TextField label="Tax id" value={fields.taxId} onChange={set("taxId")} placeholder="DE123456789" errors={fieldErrors.taxId} />
      </div>
      <TextAreaField label="Address" rows={3} value={fields.address} onChange={set("address")} autoComplete="street-address" errors={fieldErrors.address} />
      <SubmitRow label="Save billing details" pendingLabel="Saving…" pending={pending} done={saved ? "Saved." : null} />
    </form>
  );
}
