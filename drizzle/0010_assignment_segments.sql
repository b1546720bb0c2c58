CREATE TABLE "assignment_segments" (
	"campaign_id" uuid NOT NULL,
	"segment_id" uuid NOT NULL,
	"customer_id" bigint NOT NULL,
	CONSTRAINT "assignment_segments_campaign_id_segment_id_customer_id_pk" PRIMARY KEY("campaign_id","segment_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "assignment_segments" ADD CONSTRAINT "assignment_segments_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_segments" ADD CONSTRAINT "assignment_segments_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment_segments" ADD CONSTRAINT "assignment_segments_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignment_segments_customer_id_idx" ON "assignment_segments" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "assignment_segments_segment_id_idx" ON "assignment_segments" USING btree ("segment_id");