ALTER TABLE "survey_templates" ADD COLUMN "module" text;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "generative_culture" boolean DEFAULT false NOT NULL;