-- A counter per workspace that moves whenever anything the leaders'
-- dashboard is computed from changes: its rollups, and a round's status,
-- threshold or eligible count. The computed dashboard is cached under this
-- counter, so every app instance on the database sees a change the moment it
-- commits. Kept by triggers, in the writing transaction, so no write path can
-- forget it. Not in db/schema.ts: it is bookkeeping of the database itself,
-- not data to copy or rebuild (each target keeps its own count).
CREATE TABLE "dashboard_versions" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION "dashboard_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- in workspace order, so two writers never wait on each other in a cycle
	INSERT INTO dashboard_versions AS v (workspace_id, version)
	SELECT DISTINCT workspace_id, 1 FROM changed ORDER BY workspace_id
	ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + 1;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "dashboard_version_bump_all"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE dashboard_versions SET version = version + 1;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "dashboard_version_bump_round"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO dashboard_versions AS v (workspace_id, version) VALUES (NEW.workspace_id, 1)
	ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + 1;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "pulse_rollups_dashboard_insert" AFTER INSERT ON "pulse_rollups" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_version_bump();
--> statement-breakpoint
CREATE TRIGGER "pulse_rollups_dashboard_update" AFTER UPDATE ON "pulse_rollups" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_version_bump();
--> statement-breakpoint
CREATE TRIGGER "pulse_rollups_dashboard_delete" AFTER DELETE ON "pulse_rollups" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_version_bump();
--> statement-breakpoint
CREATE TRIGGER "pulse_rollups_dashboard_truncate" AFTER TRUNCATE ON "pulse_rollups" FOR EACH STATEMENT EXECUTE FUNCTION dashboard_version_bump_all();
--> statement-breakpoint
CREATE TRIGGER "feature_rollups_dashboard_insert" AFTER INSERT ON "feature_rollups" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_version_bump();
--> statement-breakpoint
CREATE TRIGGER "feature_rollups_dashboard_update" AFTER UPDATE ON "feature_rollups" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_version_bump();
--> statement-breakpoint
CREATE TRIGGER "feature_rollups_dashboard_delete" AFTER DELETE ON "feature_rollups" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_version_bump();
--> statement-breakpoint
CREATE TRIGGER "feature_rollups_dashboard_truncate" AFTER TRUNCATE ON "feature_rollups" FOR EACH STATEMENT EXECUTE FUNCTION dashboard_version_bump_all();
--> statement-breakpoint
CREATE TRIGGER "autopsy_rollups_dashboard_insert" AFTER INSERT ON "autopsy_rollups" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_version_bump();
--> statement-breakpoint
CREATE TRIGGER "autopsy_rollups_dashboard_update" AFTER UPDATE ON "autopsy_rollups" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_version_bump();
--> statement-breakpoint
CREATE TRIGGER "autopsy_rollups_dashboard_delete" AFTER DELETE ON "autopsy_rollups" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_version_bump();
--> statement-breakpoint
CREATE TRIGGER "autopsy_rollups_dashboard_truncate" AFTER TRUNCATE ON "autopsy_rollups" FOR EACH STATEMENT EXECUTE FUNCTION dashboard_version_bump_all();
--> statement-breakpoint
-- A round that closes with no answers writes no rollup row, yet the dashboard
-- reads it (and a generator may insert rounds already closed); reminders and
-- other updates leave the counter alone.
CREATE TRIGGER "rounds_dashboard_update" AFTER UPDATE OF "status", "closed_at", "eligible_count", "anonymity_k" ON "rounds" FOR EACH ROW
	WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.closed_at IS DISTINCT FROM NEW.closed_at
		OR OLD.eligible_count IS DISTINCT FROM NEW.eligible_count OR OLD.anonymity_k IS DISTINCT FROM NEW.anonymity_k)
	EXECUTE FUNCTION dashboard_version_bump_round();
--> statement-breakpoint
CREATE TRIGGER "rounds_dashboard_insert" AFTER INSERT ON "rounds" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_version_bump();
--> statement-breakpoint
CREATE TRIGGER "rounds_dashboard_delete" AFTER DELETE ON "rounds" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_version_bump();
