ALTER TABLE "campaigns" ADD COLUMN "submitted_segment_definition" jsonb;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "submitted_segment_size" integer;