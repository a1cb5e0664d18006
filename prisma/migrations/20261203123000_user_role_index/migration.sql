-- The coordinator board lists active staff (role IN (COORDINATOR, ADMIN)) on every view: without
-- this index that is a scan of every user (docs/perf/data.md).
CREATE INDEX "User_role_idx" ON "User"("role");
