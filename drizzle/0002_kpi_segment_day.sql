CREATE TABLE "kpi_segment_day" (
	"segment_id" uuid NOT NULL,
	"day" date NOT NULL,
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
	CONSTRAINT "kpi_segment_day_segment_id_day_pk" PRIMARY KEY("segment_id","day")
);
--> statement-breakpoint
CREATE TABLE "kpi_segment_rollup" (
	"segment_id" uuid PRIMARY KEY NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kpi_segment_day" ADD CONSTRAINT "kpi_segment_day_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_segment_rollup" ADD CONSTRAINT "kpi_segment_rollup_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;