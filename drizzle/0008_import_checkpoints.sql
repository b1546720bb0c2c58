CREATE TABLE "import_checkpoints" (
	"import_key" text PRIMARY KEY NOT NULL,
	"rows_published" integer DEFAULT 0 NOT NULL,
	"totals" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
