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
