"use client";

import { useQuery } from "@tanstack/react-query";
import { orgRoleChoicesAction } from "@/lib/platform/actions/role-actions";

/** The org's roles for a dialog, loaded once it opens (`enabled`) and shared by every dialog of the page. */
export function useOrgRoleChoices(orgSlug: string, enabled: boolean) {
  return useQuery({
    queryKey: ["org-role-choices", orgSlug],
    enabled,
    queryFn: async () => {
      const result = await orgRoleChoicesAction({ orgSlug });
      if (!result.ok) throw new Error(result.formError ?? "The roles could not be loaded.");
      return result.data;
    },
  });
}
