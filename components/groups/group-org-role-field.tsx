"use client";

import { SelectField } from "@/components/ui/select-field";

/** The org role a group gives its members, or none: the create dialog's and the settings form's. */
export function GroupOrgRoleField({
  value,
  onChange,
  roles,
  errors,
}: {
  value: string;
  onChange: (role: string) => void;
  roles: ReadonlyArray<{ slug: string; label: string }>;
  errors?: string[];
}) {
  // A role the viewer cannot give (so not offered) still shows as the current value.
  const options = value === "" || roles.some((role) => role.slug === value) ? roles : [...roles, { slug: value, label: value }];
  return (
    <SelectField
      label="Organization role"
      hint="Every member holds it on top of their own org role."
      value={value}
      onChange={(event) => onChange(event.target.value)}
      options={[{ value: "", label: "None" }, ...options.map((option) => ({ value: option.slug, label: option.label }))]}
      errors={errors}
    />
  );
}
