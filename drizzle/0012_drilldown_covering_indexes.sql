DROP INDEX "events_occurred_at_idx";--> statement-breakpoint
CREATE INDEX "events_occurred_at_customer_id_idx" ON "events" USING btree ("occurred_at","customer_id");--> statement-breakpoint
CREATE INDEX "events_outcomes_by_customer_idx" ON "events" USING btree ("customer_id","type","product_id","amount_cents") WHERE "type" IN ('purchase', 'refund', 'subscribe', 'renew');