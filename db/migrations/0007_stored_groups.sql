ALTER TABLE "rounds" ADD COLUMN "comparison" text DEFAULT 'disciplines' NOT NULL;--> statement-breakpoint
-- Closed rounds keep only what can ever be shown: no response at all below the
-- round's threshold, and a discipline with fewer than k responses stored as
-- 'rest' (everything as 'rest' when that remainder is itself below k).
DELETE FROM "responses" r USING "rounds" ro
WHERE r."round_id" = ro."id" AND ro."status" = 'closed'
  AND (SELECT count(*) FROM "responses" x WHERE x."round_id" = ro."id") < ro."anonymity_k";--> statement-breakpoint
UPDATE "responses" r SET "discipline" = 'rest'
FROM (
  SELECT x."round_id", x."discipline", count(*) AS n, ro."anonymity_k" AS k
  FROM "responses" x JOIN "rounds" ro ON ro."id" = x."round_id"
  WHERE ro."status" = 'closed'
  GROUP BY x."round_id", x."discipline", ro."anonymity_k"
) c
WHERE c."round_id" = r."round_id" AND c."discipline" = r."discipline" AND c.n < c.k;--> statement-breakpoint
UPDATE "responses" r SET "discipline" = 'rest'
FROM (
  SELECT x."round_id", count(*) FILTER (WHERE x."discipline" = 'rest') AS rest, ro."anonymity_k" AS k
  FROM "responses" x JOIN "rounds" ro ON ro."id" = x."round_id"
  GROUP BY x."round_id", ro."anonymity_k"
) c
WHERE c."round_id" = r."round_id" AND c.rest > 0 AND c.rest < c.k;--> statement-breakpoint
DELETE FROM "pulse_rollups";--> statement-breakpoint
INSERT INTO "pulse_rollups" ("workspace_id", "team_id", "round_id", "closed_at", "discipline", "dimension", "responses", "score_sum", "scored", "anonymity_k")
SELECT r."workspace_id", r."team_id", r."id", coalesce(r."closed_at", r."closes_at"), per."discipline", per."dimension", cells."responses", sum(per.m), count(*), r."anonymity_k"
FROM "rounds" r
JOIN (
  SELECT resp."round_id", resp."id", resp."discipline", si."dimension",
         avg(CASE WHEN si."reverse_scored" THEN 8 - a."value" ELSE a."value" END)::float8 AS m
  FROM "responses" resp
  JOIN "answers" a ON a."response_id" = resp."id"
  JOIN "survey_items" si ON si."id" = a."item_id"
  GROUP BY resp."round_id", resp."id", resp."discipline", si."dimension"
) per ON per."round_id" = r."id"
JOIN (
  SELECT "round_id", "discipline", count(*)::int AS "responses" FROM "responses" GROUP BY "round_id", "discipline"
) cells ON cells."round_id" = per."round_id" AND cells."discipline" = per."discipline"
WHERE r."status" = 'closed'
GROUP BY r."workspace_id", r."team_id", r."id", r."closed_at", r."closes_at", per."discipline", per."dimension", cells."responses", r."anonymity_k";
