CREATE TABLE "webhook_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"event_id" text,
	"source" text NOT NULL,
	"type" text,
	"outcome" text NOT NULL,
	"status" smallint NOT NULL,
	"duration_ms" double precision NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "flow_runs" ADD COLUMN "trigger" text;--> statement-breakpoint
ALTER TABLE "flow_runs" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "checks" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "confirmation_message_id" text;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "explanation" text;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "viewed_product_id" integer;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "escalation_ticket_id" text;--> statement-breakpoint
CREATE INDEX "webhook_events_event_id_idx" ON "webhook_events" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "webhook_events_received_at_idx" ON "webhook_events" USING btree ("received_at");--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_viewed_product_id_products_id_fk" FOREIGN KEY ("viewed_product_id") REFERENCES "public"."products"("id") ON DELETE set null ON UPDATE no action;