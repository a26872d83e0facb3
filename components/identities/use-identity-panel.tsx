"use client";

import { Tabs } from "radix-ui";
import { useId, useState } from "react";
import { CopyButton } from "@/components/ui/copy-button";

export type UsableProject = { id: string; name: string; environment: string | null; readsValues: boolean };

type Props = {
  origin: string;
  clientId: string;
  /** The identity's Secrets projects, each with an environment it can read (or list). */
  projects: UsableProject[];
};

const SECRET_VARIABLE = "TESSERA_CLIENT_SECRET";

function examples({ origin, clientId, projectId, environment }: { origin: string; clientId: string; projectId: string; environment: string }) {
  const list = `${origin}/api/v3/secrets/raw?workspaceId=${projectId}&environment=${environment}&secretPath=/`;
  const login = `TOKEN=$(curl -s ${origin}/api/v1/auth/universal-auth/login \\
  -H 'content-type: application/json' \\
  -d "{\\"clientId\\":\\"${clientId}\\",\\"clientSecret\\":\\"$${SECRET_VARIABLE}\\"}" | jq -r .accessToken)`;
  return {
    curl: `${login}
curl -s "${list}" \\
  -H "authorization: Bearer $TOKEN"`,
    sdk: `import { InfisicalSDK } from "@infisical/sdk";

const client = new InfisicalSDK({ siteUrl: "${origin}" });
await client.auth().universalAuth.login({
  clientId: "${clientId}",
  clientSecret: process.env.${SECRET_VARIABLE},
});
const { secrets } = await client.secrets().listSecrets({
  projectId: "${projectId}",
  environment: "${environment}",
  secretPath: "/",
});`,
    dotenv: `${login}
curl -s "${list}" -H "authorization: Bearer $TOKEN" \\
  | jq -r '.secrets[] | "\\(.secretKey)=\\(.secretValue | @json)"' > .env`,
  };
}

const TABS = [
  { value: "curl", label: "curl" },
  { value: "sdk", label: "@infisical/sdk" },
  { value: "dotenv", label: ".env via the API" },
] as const;

/**
 * "Use it": the identity's own client id, a real project id and an environment it can read,
 * in three ready-to-paste forms. Only the client secret is left to the reader, as a variable.
 */
export function UseIdentityPanel({ origin, clientId, projects }: Props) {
  const id = useId();
  const usable = projects.filter((project) => project.environment !== null);
  const [projectId, setProjectId] = useState<string | null>(null);
  // The chosen project, else one it reads values in: the list grows when it is added to one.
  const project = usable.find((one) => one.id === projectId) ?? usable.find((one) => one.readsValues) ?? usable[0];
  if (!project) {
    return (
      <p className="mt-1 text-sm text-slate-600">
        Add it to a Secrets Management project with a role there (below, or on the project&apos;s Members page): the examples then fill in that project and an
        environment it can read.
      </p>
    );
  }
  const snippets = examples({ origin, clientId, projectId: project.id, environment: project.environment! });
  return (
    <div className="mt-2 flex flex-col gap-3">
      <p className="text-sm text-slate-600">
        Tessera speaks Infisical&apos;s API, so Infisical&apos;s SDK and scripts work unchanged. Put a client secret in{" "}
        <code className="font-mono text-xs">${SECRET_VARIABLE}</code> first.
      </p>
      {usable.length > 1 ? (
        <label htmlFor={`${id}-project`} className="flex flex-col gap-1 text-sm font-medium text-slate-800 sm:w-80">
          Project
          <select
            id={`${id}-project`}
            value={project.id}
            onChange={(event) => setProjectId(event.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm font-normal">
            {usable.map((one) => (
              <option key={one.id} value={one.id}>
                {one.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <p className="text-sm">
        Project <strong>{project.name}</strong> (<code className="font-mono text-xs">{project.id}</code>), environment{" "}
        <code className="font-mono text-xs">{project.environment}</code>.
      </p>
      {project.readsValues ? null : (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          Its roles in {project.name} let it list keys but not read values: the API answers each secret with an empty value and{" "}
          <code className="font-mono text-xs">secretValueHidden: true</code>. Give it a role that reads values to get them.
        </p>
      )}
      <Tabs.Root defaultValue="curl">
        <Tabs.List aria-label="Examples" className="flex gap-1 border-b border-slate-200">
          {TABS.map((tab) => (
            <Tabs.Trigger
              key={tab.value}
              value={tab.value}
              className="-mb-px border-b-2 border-transparent px-3 py-1.5 text-sm text-slate-600 data-[state=active]:border-brand-600 data-[state=active]:font-medium data-[state=active]:text-slate-900">
              {tab.label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {TABS.map((tab) => (
          <Tabs.Content key={tab.value} value={tab.value} className="mt-2 flex flex-col gap-2">
            <pre aria-label={`${tab.label} example`} tabIndex={0} className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
              {snippets[tab.value]}
            </pre>
            <CopyButton text={snippets[tab.value]} label={`Copy the ${tab.label} example`} />
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </div>
  );
}
