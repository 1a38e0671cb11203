-- The retention of the access audit log is decided here, not by the application: the
-- application role could call access_record_drop_partitions_before with any cutoff, now()
-- included, and wipe the log. The new function takes no argument and computes its own
-- cutoff from the 24-month retention; changing the retention takes a migration run by the
-- owner. tracking_app owns nothing, so it cannot drop or detach a partition itself.
DROP FUNCTION access_record_drop_partitions_before(timestamptz);

-- Drops the monthly partitions whose whole month is older than 24 months; returns how many.
-- Never the default partition.
CREATE FUNCTION access_record_drop_expired_partitions() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    cutoff constant timestamptz := now() - interval '24 months';
    part record;
    dropped integer := 0;
BEGIN
    FOR part IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'access_record'::regclass AND c.relname ~ '^access_record_[0-9]{4}_[0-9]{2}$'
    LOOP
        IF (to_date(substring(part.relname from 15), 'YYYY_MM') + interval '1 month') <= cutoff THEN
            EXECUTE format('DROP TABLE %I', part.relname);
            dropped := dropped + 1;
        END IF;
    END LOOP;
    RETURN dropped;
END;
$$;
REVOKE EXECUTE ON FUNCTION access_record_drop_expired_partitions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION access_record_drop_expired_partitions() TO ${appRole};

-- TRUNCATE empties a table without touching a row, so the row trigger never sees it: refuse
-- it to anyone as well, on the log and on each partition (statement triggers are not
-- inherited), the ones to come included.
CREATE TRIGGER access_record_no_truncate BEFORE TRUNCATE ON access_record
    FOR EACH STATEMENT EXECUTE FUNCTION access_record_append_only();

DO $$
DECLARE
    part record;
BEGIN
    FOR part IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'access_record'::regclass
    LOOP
        EXECUTE format('CREATE TRIGGER access_record_no_truncate BEFORE TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION access_record_append_only()', part.relname);
    END LOOP;
END;
$$;

CREATE OR REPLACE FUNCTION access_record_ensure_partition(day date) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    month_start date := date_trunc('month', day)::date;
    name text := 'access_record_' || to_char(month_start, 'YYYY_MM');
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF access_record FOR VALUES FROM (%L) TO (%L)',
                   name, month_start, (month_start + interval '1 month')::date);
    EXECUTE format('CREATE TRIGGER access_record_no_truncate BEFORE TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION access_record_append_only()', name);
    RETURN true;
END;
$$;
