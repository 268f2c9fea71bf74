-- A second counter beside the dashboard's: it moves whenever an action is
-- added, changed or removed. The measured effects of actions on the
-- dashboard are cached under it (and the dashboard version), so a page load
-- reads one row instead of counting a company's actions to see whether any
-- changed. Kept by triggers in the writing transaction, as the dashboard's is.
ALTER TABLE "dashboard_versions" ADD COLUMN "actions_version" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE FUNCTION "actions_version_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- in workspace order, so two writers never wait on each other in a cycle
	INSERT INTO dashboard_versions AS v (workspace_id, version, actions_version)
	SELECT DISTINCT workspace_id, 0, 1 FROM changed ORDER BY workspace_id
	ON CONFLICT (workspace_id) DO UPDATE SET actions_version = v.actions_version + 1;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "actions_version_bump_all"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE dashboard_versions SET actions_version = actions_version + 1;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "actions_version_insert" AFTER INSERT ON "actions" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION actions_version_bump();
--> statement-breakpoint
CREATE TRIGGER "actions_version_update" AFTER UPDATE ON "actions" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION actions_version_bump();
--> statement-breakpoint
CREATE TRIGGER "actions_version_delete" AFTER DELETE ON "actions" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION actions_version_bump();
--> statement-breakpoint
CREATE TRIGGER "actions_version_truncate" AFTER TRUNCATE ON "actions" FOR EACH STATEMENT EXECUTE FUNCTION actions_version_bump_all();
--> statement-breakpoint
-- One counter per source beside the overall one, so that each part of the
-- dashboard is cached under what it is computed from: logging a feature or
-- publishing an autopsy (many a day) recomputes those parts, not the pulse
-- results of every team, which take seconds at company scale.
ALTER TABLE "dashboard_versions" ADD COLUMN "pulse_version" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "dashboard_versions" ADD COLUMN "features_version" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "dashboard_versions" ADD COLUMN "autopsies_version" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE FUNCTION "dashboard_source_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- TG_ARGV[0]: which source changed (pulse, features, autopsies)
	INSERT INTO dashboard_versions AS v (workspace_id, version, pulse_version, features_version, autopsies_version)
	SELECT DISTINCT workspace_id, 1, (TG_ARGV[0] = 'pulse')::int, (TG_ARGV[0] = 'features')::int, (TG_ARGV[0] = 'autopsies')::int
	FROM changed ORDER BY workspace_id
	ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + 1,
		pulse_version = v.pulse_version + EXCLUDED.pulse_version,
		features_version = v.features_version + EXCLUDED.features_version,
		autopsies_version = v.autopsies_version + EXCLUDED.autopsies_version;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "dashboard_source_bump_all"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE dashboard_versions SET version = version + 1,
		pulse_version = pulse_version + (TG_ARGV[0] = 'pulse')::int,
		features_version = features_version + (TG_ARGV[0] = 'features')::int,
		autopsies_version = autopsies_version + (TG_ARGV[0] = 'autopsies')::int;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "dashboard_closed_rounds_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO dashboard_versions AS v (workspace_id, version, pulse_version)
	SELECT DISTINCT workspace_id, 1, 1 FROM changed WHERE status = 'closed' ORDER BY workspace_id
	ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + 1, pulse_version = v.pulse_version + 1;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "dashboard_source_bump_round"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO dashboard_versions AS v (workspace_id, version, pulse_version) VALUES (NEW.workspace_id, 1, 1)
	ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + 1, pulse_version = v.pulse_version + 1;
	RETURN NULL;
END
$$;
--> statement-breakpoint
-- The dashboard reads closed rounds only. A round scheduled ahead, opened, or
-- given a new roster count while open changes nothing it shows, yet moved the
-- version: the scheduler's weekly rounds for 500 teams, inserted one statement
-- each, threw every cached dashboard away 500 times in a minute. The round
-- triggers below count closed rounds only.
DROP TRIGGER "pulse_rollups_dashboard_insert" ON "pulse_rollups";
--> statement-breakpoint
CREATE TRIGGER "pulse_rollups_dashboard_insert" AFTER INSERT ON "pulse_rollups" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_source_bump('pulse');
--> statement-breakpoint
DROP TRIGGER "pulse_rollups_dashboard_update" ON "pulse_rollups";
--> statement-breakpoint
CREATE TRIGGER "pulse_rollups_dashboard_update" AFTER UPDATE ON "pulse_rollups" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_source_bump('pulse');
--> statement-breakpoint
DROP TRIGGER "pulse_rollups_dashboard_delete" ON "pulse_rollups";
--> statement-breakpoint
CREATE TRIGGER "pulse_rollups_dashboard_delete" AFTER DELETE ON "pulse_rollups" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_source_bump('pulse');
--> statement-breakpoint
DROP TRIGGER "pulse_rollups_dashboard_truncate" ON "pulse_rollups";
--> statement-breakpoint
CREATE TRIGGER "pulse_rollups_dashboard_truncate" AFTER TRUNCATE ON "pulse_rollups" FOR EACH STATEMENT EXECUTE FUNCTION dashboard_source_bump_all('pulse');
--> statement-breakpoint
DROP TRIGGER "feature_rollups_dashboard_insert" ON "feature_rollups";
--> statement-breakpoint
CREATE TRIGGER "feature_rollups_dashboard_insert" AFTER INSERT ON "feature_rollups" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_source_bump('features');
--> statement-breakpoint
DROP TRIGGER "feature_rollups_dashboard_update" ON "feature_rollups";
--> statement-breakpoint
CREATE TRIGGER "feature_rollups_dashboard_update" AFTER UPDATE ON "feature_rollups" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_source_bump('features');
--> statement-breakpoint
DROP TRIGGER "feature_rollups_dashboard_delete" ON "feature_rollups";
--> statement-breakpoint
CREATE TRIGGER "feature_rollups_dashboard_delete" AFTER DELETE ON "feature_rollups" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_source_bump('features');
--> statement-breakpoint
DROP TRIGGER "feature_rollups_dashboard_truncate" ON "feature_rollups";
--> statement-breakpoint
CREATE TRIGGER "feature_rollups_dashboard_truncate" AFTER TRUNCATE ON "feature_rollups" FOR EACH STATEMENT EXECUTE FUNCTION dashboard_source_bump_all('features');
--> statement-breakpoint
DROP TRIGGER "autopsy_rollups_dashboard_insert" ON "autopsy_rollups";
--> statement-breakpoint
CREATE TRIGGER "autopsy_rollups_dashboard_insert" AFTER INSERT ON "autopsy_rollups" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_source_bump('autopsies');
--> statement-breakpoint
DROP TRIGGER "autopsy_rollups_dashboard_update" ON "autopsy_rollups";
--> statement-breakpoint
CREATE TRIGGER "autopsy_rollups_dashboard_update" AFTER UPDATE ON "autopsy_rollups" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_source_bump('autopsies');
--> statement-breakpoint
DROP TRIGGER "autopsy_rollups_dashboard_delete" ON "autopsy_rollups";
--> statement-breakpoint
CREATE TRIGGER "autopsy_rollups_dashboard_delete" AFTER DELETE ON "autopsy_rollups" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_source_bump('autopsies');
--> statement-breakpoint
DROP TRIGGER "autopsy_rollups_dashboard_truncate" ON "autopsy_rollups";
--> statement-breakpoint
CREATE TRIGGER "autopsy_rollups_dashboard_truncate" AFTER TRUNCATE ON "autopsy_rollups" FOR EACH STATEMENT EXECUTE FUNCTION dashboard_source_bump_all('autopsies');
--> statement-breakpoint
DROP TRIGGER "rounds_dashboard_insert" ON "rounds";
--> statement-breakpoint
CREATE TRIGGER "rounds_dashboard_insert" AFTER INSERT ON "rounds" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_closed_rounds_bump();
--> statement-breakpoint
DROP TRIGGER "rounds_dashboard_delete" ON "rounds";
--> statement-breakpoint
CREATE TRIGGER "rounds_dashboard_delete" AFTER DELETE ON "rounds" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION dashboard_closed_rounds_bump();
--> statement-breakpoint
DROP TRIGGER "rounds_dashboard_update" ON "rounds";
--> statement-breakpoint
CREATE TRIGGER "rounds_dashboard_update" AFTER UPDATE OF "status", "closed_at", "eligible_count", "anonymity_k" ON "rounds" FOR EACH ROW
	WHEN ((OLD.status = 'closed' OR NEW.status = 'closed')
		AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.closed_at IS DISTINCT FROM NEW.closed_at
			OR OLD.eligible_count IS DISTINCT FROM NEW.eligible_count OR OLD.anonymity_k IS DISTINCT FROM NEW.anonymity_k))
	EXECUTE FUNCTION dashboard_source_bump_round();
--> statement-breakpoint
DROP FUNCTION "dashboard_version_bump"();
--> statement-breakpoint
DROP FUNCTION "dashboard_version_bump_all"();
--> statement-breakpoint
DROP FUNCTION "dashboard_version_bump_round"();
