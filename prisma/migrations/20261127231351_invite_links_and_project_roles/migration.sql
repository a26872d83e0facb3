-- CreateTable
CREATE TABLE "invitation_project_roles" (
    "invitation_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "invitation_project_roles_pkey" PRIMARY KEY ("invitation_id","project_id")
);

-- CreateTable
CREATE TABLE "invite_links" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "max_uses" INTEGER,
    "use_count" INTEGER NOT NULL DEFAULT 0,
    "allowed_domain" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "invite_links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invite_link_project_roles" (
    "invite_link_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "invite_link_project_roles_pkey" PRIMARY KEY ("invite_link_id","project_id")
);

-- CreateTable
CREATE TABLE "invite_link_uses" (
    "id" UUID NOT NULL,
    "invite_link_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invite_link_uses_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "invitation_project_roles_project_id_idx" ON "invitation_project_roles"("project_id");

-- CreateIndex
CREATE UNIQUE INDEX "invite_links_token_hash_key" ON "invite_links"("token_hash");

-- CreateIndex
CREATE INDEX "invite_links_org_id_created_at_idx" ON "invite_links"("org_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "invite_link_project_roles_project_id_idx" ON "invite_link_project_roles"("project_id");

-- CreateIndex
CREATE UNIQUE INDEX "invite_link_uses_invite_link_id_user_id_key" ON "invite_link_uses"("invite_link_id", "user_id");

-- AddForeignKey
ALTER TABLE "invitation_project_roles" ADD CONSTRAINT "invitation_project_roles_invitation_id_fkey" FOREIGN KEY ("invitation_id") REFERENCES "invitations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitation_project_roles" ADD CONSTRAINT "invitation_project_roles_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invite_links" ADD CONSTRAINT "invite_links_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invite_links" ADD CONSTRAINT "invite_links_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invite_link_project_roles" ADD CONSTRAINT "invite_link_project_roles_invite_link_id_fkey" FOREIGN KEY ("invite_link_id") REFERENCES "invite_links"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invite_link_project_roles" ADD CONSTRAINT "invite_link_project_roles_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invite_link_uses" ADD CONSTRAINT "invite_link_uses_invite_link_id_fkey" FOREIGN KEY ("invite_link_id") REFERENCES "invite_links"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invite_link_uses" ADD CONSTRAINT "invite_link_uses_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Max uses holds in the database too, whatever the code does.
ALTER TABLE "invite_links" ADD CONSTRAINT "invite_links_use_count_within_max_uses"
  CHECK ("use_count" >= 0 AND ("max_uses" IS NULL OR ("max_uses" > 0 AND "use_count" <= "max_uses")));
