-- Events of one shipment are fanned out in the order tracking-service published them, not the
-- order replicas happened to record them (two replicas read different entries of the stream at
-- once; a crashed one's entries are claimed by another much later). The stream entry id
-- (milliseconds, sequence) is that order; it is null for events that do not come from the
-- stream (incident notices, pings).
ALTER TABLE webhook_event ADD COLUMN stream_ms bigint;
ALTER TABLE webhook_event ADD COLUMN stream_seq bigint;
CREATE INDEX webhook_event_stream_pending_idx ON webhook_event (stream_ms, stream_seq) WHERE fanned_out_at IS NULL;
CREATE INDEX webhook_event_stream_idx ON webhook_event (stream_ms DESC, stream_seq DESC) WHERE stream_ms IS NOT NULL;
