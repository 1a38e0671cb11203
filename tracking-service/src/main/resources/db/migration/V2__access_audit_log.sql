-- The access audit log: every disclosure and every attempt, kept 24 months.
-- Billions of rows over its life, so: partitioned by month (a retention job drops whole
-- partitions), and indexed for the two questions incident response asks:
-- "what did actor X see between t1 and t2" and "who saw shipment S". Nothing on the
-- lookup path reads it.
CREATE TABLE access_record (
    id           bigint       GENERATED ALWAYS AS IDENTITY,
    occurred_at  timestamptz  NOT NULL,
    -- PUBLIC, RECIPIENT, PARTNER, STAFF, OPERATIONS, SERVICE
    actor_kind   varchar(16)  NOT NULL,
    -- a pseudonym: ip:<HMAC of the address>, client:<client id>, user:<subject>
    actor_id     varchar(128) NOT NULL,
    shipment_id  uuid,
    partner_id   varchar(64),
    -- keyed hash of the tracking number tried (tn:...), also for numbers that match nothing
    number_hash  varchar(40),
    tier         varchar(16),
    -- the fields disclosed, as JSON paths (recipient.name...); empty when nothing was
    fields       text[]       NOT NULL DEFAULT '{}',
    -- DISCLOSED, NOT_FOUND, INVALID, LIMITED, BLOCKED, DENIED, VERIFIED, VERIFY_FAILED, LOCKED, QUERIED
    outcome      varchar(24)  NOT NULL,
    request_id   varchar(64),
    -- why staff looked, or what an exposure query asked
    reason       varchar(500),
    PRIMARY KEY (occurred_at, id)
) PARTITION BY RANGE (occurred_at);

CREATE INDEX access_record_actor_idx ON access_record (actor_id, occurred_at);
CREATE INDEX access_record_shipment_idx ON access_record (shipment_id, occurred_at) WHERE shipment_id IS NOT NULL;

-- Catches a record whose month has no partition yet (a clock far off): nothing is lost.
-- The retention job never drops it.
CREATE TABLE access_record_default PARTITION OF access_record DEFAULT;

-- Append-only, whoever asks: no row is ever changed or deleted, only whole months dropped.
CREATE FUNCTION access_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'access_record is append-only';
END;
$$;
CREATE TRIGGER access_record_append_only BEFORE UPDATE OR DELETE ON access_record
    FOR EACH ROW EXECUTE FUNCTION access_record_append_only();

-- Creates the partition of the month that contains the given day, if it is missing.
-- SECURITY DEFINER: the application role may create partitions but owns nothing.
CREATE FUNCTION access_record_ensure_partition(day date) RETURNS boolean
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
    RETURN true;
END;
$$;

-- Drops the monthly partitions that end on or before the cutoff; returns how many.
CREATE FUNCTION access_record_drop_partitions_before(cutoff timestamptz) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
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

SELECT access_record_ensure_partition((now() + make_interval(months => m))::date) FROM generate_series(0, 2) AS m;

-- The application role: shipments read and written, the audit log read and appended.
REVOKE ALL ON access_record FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON partner, shipment, scan_event TO ${appRole};
GRANT SELECT, INSERT ON access_record TO ${appRole};
GRANT EXECUTE ON FUNCTION access_record_ensure_partition(date), access_record_drop_partitions_before(timestamptz) TO ${appRole};
REVOKE EXECUTE ON FUNCTION access_record_ensure_partition(date), access_record_drop_partitions_before(timestamptz) FROM PUBLIC;
