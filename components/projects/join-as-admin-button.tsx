"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useFormAction } from "@/components/ui/use-form-action";
import { joinProjectAsAdminAction } from "@/lib/platform/actions/project-actions";

export function JoinAsAdminButton({ orgSlug, projectSlug }: { orgSlug: string; projectSlug: string }) {
  const router = useRouter();
  const { submit, pending, formError } = useFormAction(joinProjectAsAdminAction, () => router.refresh());
  return (
    <div className="flex flex-col gap-2">
      <FormMessage message={formError} />
      <Button variant="secondary" disabled={pending} onClick={() => submit({ orgSlug, projectSlug })}>
        {pending ? "Joining…" : "Join as admin"}
      </Button>
    </div>
  );
}
