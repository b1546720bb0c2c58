ALTER TABLE "campaigns" ADD COLUMN "primary_metric" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "correction" text DEFAULT 'holm' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "winsorise" text DEFAULT 'off' NOT NULL;