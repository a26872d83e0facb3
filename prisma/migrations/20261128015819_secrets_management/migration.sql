-- CreateTable
CREATE TABLE "project_data_keys" (
    "project_id" UUID NOT NULL,
    "encrypted_key" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_data_keys_pkey" PRIMARY KEY ("project_id")
);

-- CreateTable
CREATE TABLE "environments" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "environments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "secret_folders" (
    "id" UUID NOT NULL,
    "environment_id" UUID NOT NULL,
    "path" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "secret_folders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "secrets" (
    "id" UUID NOT NULL,
    "environment_id" UUID NOT NULL,
    "path" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "encrypted_value" BYTEA NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "secrets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "environments_project_id_slug_key" ON "environments"("project_id", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "environments_project_id_name_key" ON "environments"("project_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "secret_folders_environment_id_path_key" ON "secret_folders"("environment_id", "path");

-- CreateIndex
CREATE UNIQUE INDEX "secrets_environment_id_path_key_key" ON "secrets"("environment_id", "path", "key");

-- AddForeignKey
ALTER TABLE "project_data_keys" ADD CONSTRAINT "project_data_keys_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "environments" ADD CONSTRAINT "environments_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "secret_folders" ADD CONSTRAINT "secret_folders_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "secrets" ADD CONSTRAINT "secrets_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "secrets" ADD CONSTRAINT "secrets_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Paths are absolute, without a trailing slash. Folder rows never name the root.
ALTER TABLE "secret_folders" ADD CONSTRAINT "secret_folders_path_check" CHECK ("path" ~ '^(/[A-Za-z0-9_.-]+)+$');
ALTER TABLE "secrets" ADD CONSTRAINT "secrets_path_check" CHECK ("path" = '/' OR "path" ~ '^(/[A-Za-z0-9_.-]+)+$');
-- A sealed value is at least its version byte, nonce and tag.
ALTER TABLE "secrets" ADD CONSTRAINT "secrets_encrypted_value_check" CHECK (octet_length("encrypted_value") >= 29);

-- Secrets Management projects created before environments existed get the default three.
INSERT INTO "environments" ("id", "project_id", "name", "slug", "position")
SELECT gen_random_uuid(), p."id", e."name", e."slug", e."position"
  FROM "projects" p
 CROSS JOIN (VALUES ('Development', 'development', 1), ('Staging', 'staging', 2), ('Production', 'production', 3)) AS e("name", "slug", "position")
 WHERE p."type" = 'SECRET_MANAGER';
