"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { StepUpProvider } from "@/components/auth/step-up-provider";

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab, created on first render (never shared between requests).
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <StepUpProvider>{children}</StepUpProvider>
    </QueryClientProvider>
  );
}
