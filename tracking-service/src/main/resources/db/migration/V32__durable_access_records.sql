-- The access audit log is fed from a Redis stream (tracking-service's audit.AccessLog and
-- AuditConsumer): each record carries the id it had there, and a record written twice (a
-- consumer that died after its commit and before its acknowledgement) is kept once. A unique
-- index on a partitioned table must hold the partition key, hence (occurred_at, record_id);
-- the time of a record is part of what the stream holds, so both copies have the same key.
-- Rows of before have no record id (NULLs never conflict).
ALTER TABLE access_record ADD COLUMN record_id varchar(40);
CREATE UNIQUE INDEX access_record_record_idx ON access_record (occurred_at, record_id);

-- Records PostgreSQL refused (a NUL byte, a value too long), kept for inspection instead of
-- holding up the ones after them: the record as the stream held it (bytes: a NUL byte is
-- what text cannot take), and the SQLState. Counted in trackguard_audit_rejected_total.
CREATE TABLE access_record_rejected (
    record_id    varchar(40)  PRIMARY KEY,
    rejected_at  timestamptz  NOT NULL DEFAULT now(),
    sql_state    varchar(5)   NOT NULL,
    payload      bytea        NOT NULL
);
CREATE TRIGGER access_record_rejected_append_only BEFORE UPDATE OR DELETE ON access_record_rejected
    FOR EACH ROW EXECUTE FUNCTION access_record_append_only();
REVOKE ALL ON access_record_rejected FROM PUBLIC;
GRANT SELECT, INSERT ON access_record_rejected TO ${appRole};
