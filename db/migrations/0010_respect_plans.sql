CREATE TABLE "respect_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "respect_plans" ADD CONSTRAINT "respect_plans_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respect_plans" ADD CONSTRAINT "respect_plans_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respect_plans" ADD CONSTRAINT "respect_plans_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respect_plans" ADD CONSTRAINT "respect_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "respect_plans_round_unique" ON "respect_plans" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "respect_plans_team_idx" ON "respect_plans" USING btree ("workspace_id","team_id","created_at");--> statement-breakpoint
-- The autopsies' action items become the shared actions table in place: the
-- rows stay, with source 'autopsy' and their creation time as their start.
ALTER TABLE "autopsy_actions" RENAME TO "actions";--> statement-breakpoint
ALTER TABLE "actions" RENAME CONSTRAINT "autopsy_actions_pkey" TO "actions_pkey";--> statement-breakpoint
ALTER TABLE "actions" RENAME CONSTRAINT "autopsy_actions_workspace_id_workspaces_id_fk" TO "actions_workspace_id_workspaces_id_fk";--> statement-breakpoint
ALTER TABLE "actions" RENAME CONSTRAINT "autopsy_actions_team_id_teams_id_fk" TO "actions_team_id_teams_id_fk";--> statement-breakpoint
ALTER TABLE "actions" RENAME CONSTRAINT "autopsy_actions_autopsy_id_autopsies_id_fk" TO "actions_autopsy_id_autopsies_id_fk";--> statement-breakpoint
ALTER TABLE "actions" RENAME CONSTRAINT "autopsy_actions_owner_id_users_id_fk" TO "actions_owner_id_users_id_fk";--> statement-breakpoint
ALTER INDEX "autopsy_actions_autopsy_idx" RENAME TO "actions_autopsy_idx";--> statement-breakpoint
ALTER INDEX "autopsy_actions_team_status_idx" RENAME TO "actions_team_status_idx";--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "source" text DEFAULT 'autopsy' NOT NULL;--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "plan_id" uuid;--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "target_dimension" text;--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "practice_key" text;--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "started_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
UPDATE "actions" SET "started_at" = "created_at";--> statement-breakpoint
ALTER TABLE "actions" ALTER COLUMN "autopsy_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_plan_id_respect_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."respect_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_source_check" CHECK (("actions"."source" = 'autopsy' and "actions"."autopsy_id" is not null and "actions"."plan_id" is null) or ("actions"."source" = 'plan' and "actions"."plan_id" is not null and "actions"."autopsy_id" is null));--> statement-breakpoint
CREATE INDEX "actions_plan_idx" ON "actions" USING btree ("workspace_id","plan_id");
