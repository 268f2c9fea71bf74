DROP INDEX "responses_round_idx";--> statement-breakpoint
CREATE INDEX "responses_round_idx" ON "responses" USING btree ("round_id");