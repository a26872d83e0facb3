-- CreateIndex
CREATE INDEX "pam_access_requests_project_id_created_at_id_idx" ON "pam_access_requests"("project_id", "created_at" DESC, "id" DESC);

