CREATE TABLE "autopsies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"feature_id" uuid NOT NULL,
	"stage" text DEFAULT 'draft' NOT NULL,
	"asked_for" text DEFAULT '' NOT NULL,
	"specified" text DEFAULT '' NOT NULL,
	"built" text DEFAULT '' NOT NULL,
	"needed" text DEFAULT '' NOT NULL,
	"failure_origin_stage" text,
	"hindsight_solution" text DEFAULT '' NOT NULL,
	"hindsight_days" numeric(7, 1),
	"show_names" boolean DEFAULT false NOT NULL,
	"revealed_at" timestamp with time zone,
	"gate_state" text,
	"override_reason" text,
	"override_by" uuid,
	"override_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "autopsies_hindsight_check" CHECK ("autopsies"."hindsight_days" is null or "autopsies"."hindsight_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "autopsy_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"autopsy_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"owner_id" uuid,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "autopsy_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"autopsy_id" uuid NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "autopsy_factors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"autopsy_id" uuid NOT NULL,
	"factor" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "autopsy_perspectives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"autopsy_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"discipline" text NOT NULL,
	"body" text NOT NULL,
	"origin_stage" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "autopsy_stages" (
	"workspace_id" uuid NOT NULL,
	"autopsy_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"product" boolean DEFAULT false NOT NULL,
	"engineering" boolean DEFAULT false NOT NULL,
	"design" boolean DEFAULT false NOT NULL,
	"started_on" date,
	"ended_on" date,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "autopsy_stages_autopsy_id_stage_pk" PRIMARY KEY("autopsy_id","stage"),
	CONSTRAINT "autopsy_stages_dates_check" CHECK ("autopsy_stages"."started_on" is null or "autopsy_stages"."ended_on" is null or "autopsy_stages"."started_on" <= "autopsy_stages"."ended_on")
);
--> statement-breakpoint
CREATE TABLE "features" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"name" text NOT NULL,
	"problem" text NOT NULL,
	"ask" text NOT NULL,
	"spec_text" text,
	"spec_words" integer DEFAULT 0 NOT NULL,
	"spec_pages" numeric(6, 1) DEFAULT 0 NOT NULL,
	"engineering_joined_stage" text NOT NULL,
	"question" text NOT NULL,
	"planned_days" numeric(7, 1) NOT NULL,
	"actual_days" numeric(7, 1) NOT NULL,
	"started_on" date NOT NULL,
	"shipped_on" date NOT NULL,
	"shipped_as" text NOT NULL,
	"change_what" text,
	"change_why" text,
	"upset_disciplines" text[] DEFAULT '{}'::text[] NOT NULL,
	"outcome" text NOT NULL,
	"classification" text NOT NULL,
	"engineering_before_spec" boolean NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "features_effort_check" CHECK ("features"."planned_days" >= 0 and "features"."actual_days" >= 0 and "features"."spec_words" >= 0 and "features"."spec_pages" >= 0),
	CONSTRAINT "features_dates_check" CHECK ("features"."started_on" <= "features"."shipped_on")
);
--> statement-breakpoint
ALTER TABLE "autopsies" ADD CONSTRAINT "autopsies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsies" ADD CONSTRAINT "autopsies_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsies" ADD CONSTRAINT "autopsies_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsies" ADD CONSTRAINT "autopsies_override_by_users_id_fk" FOREIGN KEY ("override_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsies" ADD CONSTRAINT "autopsies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_actions" ADD CONSTRAINT "autopsy_actions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_actions" ADD CONSTRAINT "autopsy_actions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_actions" ADD CONSTRAINT "autopsy_actions_autopsy_id_autopsies_id_fk" FOREIGN KEY ("autopsy_id") REFERENCES "public"."autopsies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_actions" ADD CONSTRAINT "autopsy_actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_events" ADD CONSTRAINT "autopsy_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_events" ADD CONSTRAINT "autopsy_events_autopsy_id_autopsies_id_fk" FOREIGN KEY ("autopsy_id") REFERENCES "public"."autopsies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_events" ADD CONSTRAINT "autopsy_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_factors" ADD CONSTRAINT "autopsy_factors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_factors" ADD CONSTRAINT "autopsy_factors_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_factors" ADD CONSTRAINT "autopsy_factors_autopsy_id_autopsies_id_fk" FOREIGN KEY ("autopsy_id") REFERENCES "public"."autopsies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_perspectives" ADD CONSTRAINT "autopsy_perspectives_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_perspectives" ADD CONSTRAINT "autopsy_perspectives_autopsy_id_autopsies_id_fk" FOREIGN KEY ("autopsy_id") REFERENCES "public"."autopsies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_perspectives" ADD CONSTRAINT "autopsy_perspectives_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_stages" ADD CONSTRAINT "autopsy_stages_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_stages" ADD CONSTRAINT "autopsy_stages_autopsy_id_autopsies_id_fk" FOREIGN KEY ("autopsy_id") REFERENCES "public"."autopsies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "features" ADD CONSTRAINT "features_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "features" ADD CONSTRAINT "features_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "features" ADD CONSTRAINT "features_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "autopsies_feature_unique" ON "autopsies" USING btree ("feature_id");--> statement-breakpoint
CREATE INDEX "autopsies_team_idx" ON "autopsies" USING btree ("workspace_id","team_id","stage");--> statement-breakpoint
CREATE INDEX "autopsy_actions_autopsy_idx" ON "autopsy_actions" USING btree ("workspace_id","autopsy_id");--> statement-breakpoint
CREATE INDEX "autopsy_actions_team_status_idx" ON "autopsy_actions" USING btree ("workspace_id","team_id","status","due_on");--> statement-breakpoint
CREATE INDEX "autopsy_events_autopsy_idx" ON "autopsy_events" USING btree ("workspace_id","autopsy_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "autopsy_factors_unique" ON "autopsy_factors" USING btree ("autopsy_id","factor","label");--> statement-breakpoint
CREATE INDEX "autopsy_factors_team_idx" ON "autopsy_factors" USING btree ("workspace_id","team_id","factor");--> statement-breakpoint
CREATE UNIQUE INDEX "autopsy_perspectives_author_unique" ON "autopsy_perspectives" USING btree ("autopsy_id","author_id");--> statement-breakpoint
CREATE INDEX "autopsy_perspectives_workspace_idx" ON "autopsy_perspectives" USING btree ("workspace_id","autopsy_id");--> statement-breakpoint
CREATE INDEX "autopsy_stages_workspace_idx" ON "autopsy_stages" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "features_team_shipped_idx" ON "features" USING btree ("workspace_id","team_id","shipped_on");--> statement-breakpoint
CREATE INDEX "features_workspace_shipped_idx" ON "features" USING btree ("workspace_id","shipped_on");