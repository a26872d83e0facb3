-- CreateTable
CREATE TABLE "custom_roles" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "project_id" UUID,
    "scope_key" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "permissions" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "custom_roles_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "custom_roles_org_id_idx" ON "custom_roles"("org_id");

-- CreateIndex
CREATE INDEX "custom_roles_project_id_idx" ON "custom_roles"("project_id");

-- CreateIndex
CREATE UNIQUE INDEX "custom_roles_scope_key_slug_key" ON "custom_roles"("scope_key", "slug");

-- AddForeignKey
ALTER TABLE "custom_roles" ADD CONSTRAINT "custom_roles_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "custom_roles" ADD CONSTRAINT "custom_roles_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The scope key always matches the role's project (or its org, for an org role).
ALTER TABLE "custom_roles" ADD CONSTRAINT "custom_roles_scope_key_matches"
  CHECK ("scope_key" = CASE WHEN "project_id" IS NULL THEN 'org:' || "org_id" ELSE 'project:' || "project_id" END);
