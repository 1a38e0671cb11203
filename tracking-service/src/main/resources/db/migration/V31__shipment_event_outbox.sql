-- Shipment events waiting to be relayed to the Redis stream trackguard:shipment-events
-- (README "Webhooks"). A row is written in the same transaction as the status change it
-- tells of, so no change is without its event, even if the process dies before the relay.
-- The payload is the owning partner's view of the shipment (personal data): relayed rows
-- are deleted after trackguard.events.keep.
CREATE TABLE shipment_event_outbox (
    -- relay order: the order in which the changes committed, per shipment
    seq          bigserial    PRIMARY KEY,
    -- the event's id: the same on every publication, so consumers de-duplicate on it
    id           uuid         NOT NULL UNIQUE,
    shipment_id  uuid         NOT NULL,
    partner_id   varchar(64)  NOT NULL,
    type         varchar(40)  NOT NULL,
    occurred_at  timestamptz  NOT NULL,
    payload      text         NOT NULL,
    relayed_at   timestamptz
);
CREATE INDEX shipment_event_outbox_pending_idx ON shipment_event_outbox (seq) WHERE relayed_at IS NULL;
CREATE INDEX shipment_event_outbox_relayed_idx ON shipment_event_outbox (relayed_at) WHERE relayed_at IS NOT NULL;
GRANT SELECT, INSERT, UPDATE, DELETE ON shipment_event_outbox TO ${appRole};
GRANT USAGE, SELECT ON SEQUENCE shipment_event_outbox_seq_seq TO ${appRole};
