"use client";

import { useState } from "react";
import { suggestSlug } from "@/lib/platform/slugs";

/** A name and its URL slug: the slug follows the name until the person edits it. */
export function useNameAndSlug() {
  const [name, setNameValue] = useState("");
  const [slug, setSlugValue] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  return {
    name,
    slug,
    setName(next: string) {
      setNameValue(next);
      if (!slugEdited) setSlugValue(suggestSlug(next));
    },
    setSlug(next: string) {
      setSlugEdited(true);
      setSlugValue(next);
    },
  };
}
