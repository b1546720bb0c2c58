-- Custom SQL migration file, put your code below! --
-- kpi_segment_day holds sums over a segment's members; any change to segment_members (a refresh,
-- a direct insert, a customer erased or deleted by cascade) makes those sums stale. Statement-level
-- triggers forget the segments touched, whoever wrote the rows; the overview then reads the
-- per-member rows until the segment is materialised again.
CREATE FUNCTION kpi_segment_rollup_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM kpi_segment_rollup;
  ELSIF TG_OP = 'INSERT' THEN
    DELETE FROM kpi_segment_rollup WHERE segment_id IN (SELECT segment_id FROM kpi_new_members);
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM kpi_segment_rollup WHERE segment_id IN (SELECT segment_id FROM kpi_old_members);
  ELSE
    DELETE FROM kpi_segment_rollup WHERE segment_id IN (SELECT segment_id FROM kpi_old_members UNION SELECT segment_id FROM kpi_new_members);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER segment_members_kpi_insert AFTER INSERT ON segment_members
  REFERENCING NEW TABLE AS kpi_new_members FOR EACH STATEMENT EXECUTE FUNCTION kpi_segment_rollup_forget();
--> statement-breakpoint
CREATE TRIGGER segment_members_kpi_delete AFTER DELETE ON segment_members
  REFERENCING OLD TABLE AS kpi_old_members FOR EACH STATEMENT EXECUTE FUNCTION kpi_segment_rollup_forget();
--> statement-breakpoint
CREATE TRIGGER segment_members_kpi_update AFTER UPDATE ON segment_members
  REFERENCING OLD TABLE AS kpi_old_members NEW TABLE AS kpi_new_members FOR EACH STATEMENT EXECUTE FUNCTION kpi_segment_rollup_forget();
--> statement-breakpoint
CREATE TRIGGER segment_members_kpi_truncate AFTER TRUNCATE ON segment_members
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_segment_rollup_forget();
