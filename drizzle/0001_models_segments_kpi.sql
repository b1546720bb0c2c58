CREATE TABLE "model_schedule" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"nightly" boolean DEFAULT false NOT NULL,
	"hour_utc" integer DEFAULT 2 NOT NULL,
	"last_enqueued_on" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_cohort_month" (
	"cohort" date NOT NULL,
	"month" date NOT NULL,
	"channel" text NOT NULL,
	"active" integer NOT NULL,
	"net_cents" bigint NOT NULL,
	CONSTRAINT "kpi_cohort_month_cohort_month_channel_pk" PRIMARY KEY("cohort","month","channel")
);
--> statement-breakpoint
CREATE TABLE "kpi_cohort_size" (
	"cohort" date NOT NULL,
	"channel" text NOT NULL,
	"size" integer NOT NULL,
	CONSTRAINT "kpi_cohort_size_cohort_channel_pk" PRIMARY KEY("cohort","channel")
);
--> statement-breakpoint
CREATE TABLE "kpi_cohort_week" (
	"cohort" date NOT NULL,
	"week" date NOT NULL,
	"channel" text NOT NULL,
	"active" integer NOT NULL,
	"net_cents" bigint NOT NULL,
	CONSTRAINT "kpi_cohort_week_cohort_week_channel_pk" PRIMARY KEY("cohort","week","channel")
);
--> statement-breakpoint
CREATE TABLE "kpi_cohort_week_size" (
	"cohort" date NOT NULL,
	"channel" text NOT NULL,
	"size" integer NOT NULL,
	CONSTRAINT "kpi_cohort_week_size_cohort_channel_pk" PRIMARY KEY("cohort","channel")
);
--> statement-breakpoint
CREATE TABLE "kpi_customer_cohort" (
	"customer_id" bigint PRIMARY KEY NOT NULL,
	"cohort" date NOT NULL,
	"periods" integer[] NOT NULL,
	"period_net" bigint[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_customer_day" (
	"day" date NOT NULL,
	"customer_id" bigint NOT NULL,
	"events" integer DEFAULT 0 NOT NULL,
	"sessions" integer DEFAULT 0 NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"purchases" integer DEFAULT 0 NOT NULL,
	"paid_purchases" integer DEFAULT 0 NOT NULL,
	"coupon_purchases" integer DEFAULT 0 NOT NULL,
	"gross_cents" bigint DEFAULT 0 NOT NULL,
	"refunds" integer DEFAULT 0 NOT NULL,
	"refund_cents" bigint DEFAULT 0 NOT NULL,
	"enrols" integer DEFAULT 0 NOT NULL,
	"free_enrols" integer DEFAULT 0 NOT NULL,
	"learning" integer DEFAULT 0 NOT NULL,
	"completes" integer DEFAULT 0 NOT NULL,
	"subscribes" integer DEFAULT 0 NOT NULL,
	"trials" integer DEFAULT 0 NOT NULL,
	"renews" integer DEFAULT 0 NOT NULL,
	"cancels" integer DEFAULT 0 NOT NULL,
	"subscription_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_customer_day_day_customer_id_pk" PRIMARY KEY("day","customer_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_customer_first" (
	"customer_id" bigint PRIMARY KEY NOT NULL,
	"first_day" date NOT NULL,
	"first_paid_day" date,
	"first_free_enrol_day" date,
	"first_trial_day" date,
	"first_paid_subscription_day" date,
	"trailing_net_cents" bigint DEFAULT 0 NOT NULL,
	"cohort_day" date,
	"channel" text
);
--> statement-breakpoint
CREATE TABLE "kpi_customer_month" (
	"month" date NOT NULL,
	"customer_id" bigint NOT NULL,
	"active_days" integer DEFAULT 0 NOT NULL,
	"net_cents" bigint DEFAULT 0 NOT NULL,
	"active_mask" integer DEFAULT 0 NOT NULL,
	"paying_mask" integer DEFAULT 0 NOT NULL,
	"learning_mask" integer DEFAULT 0 NOT NULL,
	"completing_mask" integer DEFAULT 0 NOT NULL,
	"view_mask" integer DEFAULT 0 NOT NULL,
	"click_mask" integer DEFAULT 0 NOT NULL,
	"purchase_mask" integer DEFAULT 0 NOT NULL,
	"renew_mask" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_customer_month_month_customer_id_pk" PRIMARY KEY("month","customer_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_customer_timeline" (
	"customer_id" bigint PRIMARY KEY NOT NULL,
	"active" bit varying NOT NULL,
	"paying" bit varying NOT NULL,
	"learning" bit varying NOT NULL,
	"completing" bit varying NOT NULL,
	"viewed" bit varying NOT NULL,
	"clicked" bit varying NOT NULL,
	"purchased" bit varying NOT NULL,
	"renewed" bit varying NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_day_totals" (
	"day" date NOT NULL,
	"channel" text NOT NULL,
	"active" integer NOT NULL,
	"paying" integer NOT NULL,
	"learners" integer NOT NULL,
	"completers" integer NOT NULL,
	"gross_cents" bigint NOT NULL,
	"refund_cents" bigint NOT NULL,
	"paid_purchases" integer NOT NULL,
	"refunds" integer NOT NULL,
	"renews" integer NOT NULL,
	"cancels" integer NOT NULL,
	CONSTRAINT "kpi_day_totals_day_channel_pk" PRIMARY KEY("day","channel")
);
--> statement-breakpoint
CREATE TABLE "kpi_next_course" (
	"from_product_id" integer NOT NULL,
	"to_product_id" integer NOT NULL,
	"learners" integer NOT NULL,
	CONSTRAINT "kpi_next_course_from_product_id_to_product_id_pk" PRIMARY KEY("from_product_id","to_product_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_rollup_state" (
	"name" text PRIMARY KEY NOT NULL,
	"ingested_through" timestamp with time zone,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"days_refreshed" integer DEFAULT 0 NOT NULL,
	"timeline_epoch" date
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
ALTER TABLE "kpi_customer_cohort" ADD CONSTRAINT "kpi_customer_cohort_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_customer_day" ADD CONSTRAINT "kpi_customer_day_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_customer_first" ADD CONSTRAINT "kpi_customer_first_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_customer_month" ADD CONSTRAINT "kpi_customer_month_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_customer_timeline" ADD CONSTRAINT "kpi_customer_timeline_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_schedule_updated_by_idx" ON "model_schedule" USING btree ("updated_by");--> statement-breakpoint
CREATE INDEX "kpi_cohort_week_week_idx" ON "kpi_cohort_week" USING btree ("week");--> statement-breakpoint
CREATE INDEX "kpi_customer_day_customer_idx" ON "kpi_customer_day" USING btree ("customer_id","day");--> statement-breakpoint
CREATE INDEX "kpi_customer_day_daily_cover_idx" ON "kpi_customer_day" USING btree ("day","customer_id","gross_cents","refund_cents","paid_purchases","refunds","renews","cancels","learning","completes");--> statement-breakpoint
CREATE INDEX "kpi_customer_first_cohort_day_idx" ON "kpi_customer_first" USING btree ("cohort_day");--> statement-breakpoint
CREATE INDEX "kpi_customer_first_first_day_idx" ON "kpi_customer_first" USING btree ("first_day");--> statement-breakpoint
CREATE INDEX "kpi_customer_first_free_enrol_idx" ON "kpi_customer_first" USING btree ("first_free_enrol_day");--> statement-breakpoint
CREATE INDEX "kpi_customer_first_trial_idx" ON "kpi_customer_first" USING btree ("first_trial_day");--> statement-breakpoint
CREATE INDEX "kpi_customer_month_customer_idx" ON "kpi_customer_month" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "events_type_occurred_at_customer_product_idx" ON "events" USING btree ("type","occurred_at","customer_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "model_runs_task_version_idx" ON "model_runs" USING btree ("task","version");--> statement-breakpoint
CREATE UNIQUE INDEX "model_runs_task_pending_idx" ON "model_runs" USING btree ("task") WHERE status IN ('queued', 'running');