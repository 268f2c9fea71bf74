CREATE TABLE "autopsy_requests" (
	"workspace_id" uuid NOT NULL,
	"autopsy_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "autopsy_requests_autopsy_id_user_id_pk" PRIMARY KEY("autopsy_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "autopsy_requests" ADD CONSTRAINT "autopsy_requests_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_requests" ADD CONSTRAINT "autopsy_requests_autopsy_id_autopsies_id_fk" FOREIGN KEY ("autopsy_id") REFERENCES "public"."autopsies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_requests" ADD CONSTRAINT "autopsy_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autopsy_requests" ADD CONSTRAINT "autopsy_requests_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "autopsy_requests_workspace_idx" ON "autopsy_requests" USING btree ("workspace_id","user_id");