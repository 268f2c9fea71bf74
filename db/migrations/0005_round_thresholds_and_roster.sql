CREATE TABLE "anonymity_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"actor_id" uuid,
	"k_before" smallint NOT NULL,
	"k_after" smallint NOT NULL,
	"comment_k_before" smallint NOT NULL,
	"comment_k_after" smallint NOT NULL,
	"rounds_raised" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"from_value" text,
	"to_value" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_roster" (
	"workspace_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"discipline" text NOT NULL,
	CONSTRAINT "round_roster_round_id_user_id_pk" PRIMARY KEY("round_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "batch_key" text;--> statement-breakpoint
ALTER TABLE "pulse_rollups" ADD COLUMN "anonymity_k" smallint DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "anonymity_k" smallint DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "rounds" ADD COLUMN "comment_k" smallint DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "anonymity_changes" ADD CONSTRAINT "anonymity_changes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anonymity_changes" ADD CONSTRAINT "anonymity_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_events" ADD CONSTRAINT "membership_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_events" ADD CONSTRAINT "membership_events_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_events" ADD CONSTRAINT "membership_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_events" ADD CONSTRAINT "membership_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_roster" ADD CONSTRAINT "round_roster_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_roster" ADD CONSTRAINT "round_roster_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_roster" ADD CONSTRAINT "round_roster_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "anonymity_changes_workspace_idx" ON "anonymity_changes" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "membership_events_team_idx" ON "membership_events" USING btree ("workspace_id","team_id","created_at");--> statement-breakpoint
CREATE INDEX "round_roster_user_idx" ON "round_roster" USING btree ("workspace_id","user_id");--> statement-breakpoint
CREATE INDEX "outbox_batch_idx" ON "outbox" USING btree ("workspace_id","batch_key");--> statement-breakpoint
-- Rounds that existed before thresholds moved onto rounds keep the workspace's values of today.
UPDATE "rounds" r SET "anonymity_k" = w."anonymity_k", "comment_k" = w."comment_k" FROM "workspaces" w WHERE w."id" = r."workspace_id";--> statement-breakpoint
UPDATE "pulse_rollups" p SET "anonymity_k" = r."anonymity_k" FROM "rounds" r WHERE r."id" = p."round_id";--> statement-breakpoint
-- Open rounds get the roster of today's respondents; earlier rounds at least list who answered them.
INSERT INTO "round_roster" ("workspace_id", "round_id", "user_id", "discipline")
SELECT r."workspace_id", r."id", m."user_id", m."discipline"
FROM "rounds" r JOIN "memberships" m ON m."team_id" = r."team_id" AND m."role" IN ('member', 'facilitator')
WHERE r."status" = 'open'
ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "round_roster" ("workspace_id", "round_id", "user_id", "discipline")
SELECT p."workspace_id", p."round_id", p."user_id", coalesce(m."discipline", 'other')
FROM "participations" p JOIN "rounds" r ON r."id" = p."round_id"
LEFT JOIN "memberships" m ON m."team_id" = r."team_id" AND m."user_id" = p."user_id"
ON CONFLICT DO NOTHING;
