"use client";

import { Button } from "@/components/ui/button";

export function CloseWindowButton() {
  return <Button onClick={() => window.close()}>Close this window</Button>;
}
