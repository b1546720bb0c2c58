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
ALTER TABLE "kpi_customer_first" ADD COLUMN "cohort_day" date;--> statement-breakpoint
ALTER TABLE "kpi_customer_first" ADD COLUMN "channel" text;--> statement-breakpoint
ALTER TABLE "kpi_rollup_state" ADD COLUMN "timeline_epoch" date;--> statement-breakpoint
ALTER TABLE "kpi_customer_cohort" ADD CONSTRAINT "kpi_customer_cohort_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_customer_timeline" ADD CONSTRAINT "kpi_customer_timeline_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kpi_cohort_week_week_idx" ON "kpi_cohort_week" USING btree ("week");--> statement-breakpoint
CREATE INDEX "kpi_customer_day_daily_cover_idx" ON "kpi_customer_day" USING btree ("day","customer_id","gross_cents","refund_cents","paid_purchases","refunds","renews","cancels","learning","completes");--> statement-breakpoint
CREATE INDEX "kpi_customer_first_cohort_day_idx" ON "kpi_customer_first" USING btree ("cohort_day");