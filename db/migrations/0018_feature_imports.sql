CREATE TABLE "feature_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"user_id" uuid,
	"source" text NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "features" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "features" ADD COLUMN "external_key" text;--> statement-breakpoint
ALTER TABLE "features" ADD COLUMN "source_url" text;--> statement-breakpoint
ALTER TABLE "features" ADD COLUMN "stage_derived_from" text;--> statement-breakpoint
ALTER TABLE "features" ADD COLUMN "stage_derived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "features" ADD COLUMN "stage_evidence" text;--> statement-breakpoint
ALTER TABLE "feature_imports" ADD CONSTRAINT "feature_imports_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_imports" ADD CONSTRAINT "feature_imports_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_imports" ADD CONSTRAINT "feature_imports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feature_imports_team_idx" ON "feature_imports" USING btree ("workspace_id","team_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "features_team_source_key_unique" ON "features" USING btree ("team_id","source","external_key");