"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { TextField } from "@/components/ui/text-field";

/**
 * The work email that finds the organization's provider. The browser goes there by a plain
 * navigation, not a form post: the page's CSP (form-action 'self') would stop a form's
 * redirect to another origin.
 */
export function SsoStartForm({ refusal }: { refusal?: string }) {
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [going, setGoing] = useState(false);
  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
          setError("Enter your work email address");
          return;
        }
        setGoing(true);
        // An API route that redirects off-site, not a page of the app: a full navigation.
        window.location.assign(new URL(`/api/sso/start?email=${encodeURIComponent(email.trim())}`, window.location.origin).href);
      }}>
      <FormMessage message={refusal} />
      <TextField
        label="Work email"
        name="email"
        type="email"
        autoComplete="email"
        autoFocus
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        errors={error ? [error] : undefined}
      />
      <Button type="submit" disabled={going}>
        {going ? "Going to your organization's sign-in…" : "Continue"}
      </Button>
    </form>
  );
}
