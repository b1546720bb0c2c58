CREATE TABLE "model_schedule" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"nightly" boolean DEFAULT false NOT NULL,
	"hour_utc" integer DEFAULT 2 NOT NULL,
	"last_enqueued_on" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "model_runs" ADD COLUMN "job_id" uuid;--> statement-breakpoint
ALTER TABLE "model_runs" ADD COLUMN "progress_detail" jsonb;--> statement-breakpoint
ALTER TABLE "model_runs" ADD COLUMN "training_cutoff" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "model_runs" ADD COLUMN "label_window_days" integer;--> statement-breakpoint
ALTER TABLE "model_runs" ADD COLUMN "row_count" integer;--> statement-breakpoint
ALTER TABLE "model_runs" ADD COLUMN "features" jsonb;--> statement-breakpoint
ALTER TABLE "model_runs" ADD COLUMN "duration_ms" integer;--> statement-breakpoint
ALTER TABLE "model_schedule" ADD CONSTRAINT "model_schedule_updated_by_staff_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."staff"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_schedule_updated_by_idx" ON "model_schedule" USING btree ("updated_by");--> statement-breakpoint
CREATE INDEX "events_type_occurred_at_customer_product_idx" ON "events" USING btree ("type","occurred_at","customer_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "model_runs_task_version_idx" ON "model_runs" USING btree ("task","version");--> statement-breakpoint
CREATE UNIQUE INDEX "model_runs_task_pending_idx" ON "model_runs" USING btree ("task") WHERE status IN ('queued', 'running');