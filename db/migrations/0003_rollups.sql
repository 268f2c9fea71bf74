CREATE TABLE "autopsy_rollups" (
	"workspace_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"month" date NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "autopsy_rollups_team_id_month_kind_key_pk" PRIMARY KEY("team_id","month","kind","key")
);
--> statement-breakpoint
CREATE TABLE "feature_rollups" (
	"workspace_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"month" date NOT NULL,
	"features" integer NOT NULL,
	"missed" integer NOT NULL,
	"different_without_upset" integer NOT NULL,
	"engineering_before_spec" integer NOT NULL,
	"handoff" integer NOT NULL,
	"collaboration" integer NOT NULL,
	"spec_words" integer[] NOT NULL,
	CONSTRAINT "feature_rollups_team_id_month_pk" PRIMARY KEY("team_id","month")
);
--> statement-breakpoint
CREATE TABLE "pulse_rollups" (
	"workspace_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"discipline" text NOT NULL,
	"dimension" text NOT NULL,
	"responses" integer NOT NULL,
	"score_sum" double precision NOT NULL,
	"scored" integer NOT NULL,
	CONSTRAINT "pulse_rollups_round_id_discipline_dimension_pk" PRIMARY KEY("round_id","discipline","dimension")
);
--> statement-breakpoint
ALTER TABLE "autopsy_rollups" ADD CONSTRAINT "autopsy_rollups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_rollups" ADD CONSTRAINT "autopsy_rollups_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_rollups" ADD CONSTRAINT "feature_rollups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_rollups" ADD CONSTRAINT "feature_rollups_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_rollups" ADD CONSTRAINT "pulse_rollups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_rollups" ADD CONSTRAINT "pulse_rollups_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_rollups" ADD CONSTRAINT "pulse_rollups_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "autopsy_rollups_workspace_idx" ON "autopsy_rollups" USING btree ("workspace_id","month");--> statement-breakpoint
CREATE INDEX "feature_rollups_workspace_idx" ON "feature_rollups" USING btree ("workspace_id","month");--> statement-breakpoint
CREATE INDEX "pulse_rollups_team_idx" ON "pulse_rollups" USING btree ("workspace_id","team_id","closed_at");--> statement-breakpoint
CREATE INDEX "pulse_rollups_workspace_idx" ON "pulse_rollups" USING btree ("workspace_id","closed_at");