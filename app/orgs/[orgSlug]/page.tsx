import type { Metadata } from "next";
import { planRooms } from "@/lib/platform/billing/room";
import { CreateProjectDialog } from "@/components/projects/create-project-dialog";
import { ProjectList } from "@/components/projects/project-list";
import { WelcomeNote } from "@/components/orgs/welcome-note";
import { requireOrgAccess, requireOrgPage } from "@/lib/platform/authz/org-page";
import { switcherProjects } from "@/lib/platform/projects/switcher-projects";
import { listProjects } from "@/lib/platform/projects/list-projects";
import { PageHeader } from "@/components/layout/page-header";

type Props = {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { org } = await requireOrgAccess((await params).orgSlug);
  return { title: org.name };
}

export default async function OrgProjectsPage({ params, searchParams }: Props) {
  // Layouts are not an authorization boundary: every page checks access itself.
  const { access } = await requireOrgPage((await params).orgSlug);
  const canReadAll = access.can("project:read-all");
  const canSeeAll = canReadAll || access.can("project:browse");
  const requested = await searchParams;
  const canCreate = access.can("project:create");
  // Types the plan has no room for are offered disabled, with the reason, before the form is filled.
  const welcome = requested.welcome === "1";
  const [list, rooms, myProjects] = await Promise.all([
    listProjects(access, { ...requested, scope: canSeeAll ? requested.scope : "mine" }),
    canCreate ? planRooms(access.org, ["secretsProjects", "pkiProjects", "pamProjects"]) : [],
    welcome ? switcherProjects(access) : [],
  ]);
  const fullTypes = Object.fromEntries(
    (["SECRET_MANAGER", "PKI", "PAM"] as const).flatMap((type, index) => {
      const room = rooms[index];
      return room?.full ? [[type, room.reason]] : [];
    }),
  );
  return (
    <section aria-labelledby="projects-heading">
      <PageHeader
        id="projects-heading"
        title="Projects"
        description={<>Everything {access.org.name} secures lives in projects.</>}
        actions={
          canCreate ? (
            // Keyed, so arriving again with ?create=project (from the switcher) opens it again.
            <CreateProjectDialog
              key={requested.create === "project" ? "create" : "list"}
              orgSlug={access.org.slug}
              initialType={list.query.type}
              openOnArrival={requested.create === "project"}
              fullTypes={fullTypes}
            />
          ) : null
        }
      />
      {welcome ? <WelcomeNote orgName={access.org.name} roleName={access.roleName} projects={myProjects} /> : null}
      <ProjectList orgSlug={access.org.slug} list={list} canSeeAll={canSeeAll} canOpenAll={canReadAll} canCreate={canCreate} />
    </section>
  );
}
