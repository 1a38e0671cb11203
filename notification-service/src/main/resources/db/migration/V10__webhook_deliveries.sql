-- Partner webhooks (README "Webhooks"): events received (shipment events from the stream,
-- incident notices), one delivery per matching subscription, every attempt, and the state of
-- each endpoint. Payloads are what the partner may see of its own shipments; nothing here
-- holds a signing secret (they stay in partner-gateway, read at sending time).
CREATE TABLE webhook_event (
    -- the event's id from its source: a republished entry is the same row (de-duplication)
    id             uuid         PRIMARY KEY,
    partner_id     varchar(64)  NOT NULL,
    type           varchar(40)  NOT NULL,
    -- deliveries of one key (a shipment) to one endpoint go one at a time, in arrival order
    ordering_key   varchar(100) NOT NULL,
    payload        text         NOT NULL,
    received_at    timestamptz  NOT NULL,
    -- set once the deliveries for the partner's matching subscriptions are written
    fanned_out_at  timestamptz
);
CREATE INDEX webhook_event_pending_idx ON webhook_event (received_at) WHERE fanned_out_at IS NULL;

CREATE TABLE webhook_delivery (
    -- the webhook-id header: the same on every attempt
    id               uuid         PRIMARY KEY,
    seq              bigserial    NOT NULL UNIQUE,
    event_id         uuid         NOT NULL REFERENCES webhook_event (id) ON DELETE CASCADE,
    subscription_id  uuid         NOT NULL,
    partner_id       varchar(64)  NOT NULL,
    ordering_key     varchar(100) NOT NULL,
    type             varchar(40)  NOT NULL,
    -- PENDING (waiting for its time), SENDING (claimed, lease_until), DELIVERED, FAILED (given up or endpoint disabled)
    status           varchar(16)  NOT NULL,
    attempts         int          NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz  NOT NULL,
    lease_until      timestamptz,
    last_status_code int,
    last_error       varchar(300),
    created_at       timestamptz  NOT NULL,
    delivered_at     timestamptz,
    CONSTRAINT webhook_delivery_once UNIQUE (event_id, subscription_id)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX webhook_delivery_order_idx ON webhook_delivery (subscription_id, ordering_key, seq) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX webhook_delivery_subscription_idx ON webhook_delivery (subscription_id, created_at DESC);

CREATE TABLE webhook_attempt (
    delivery_id  uuid         NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    n            int          NOT NULL,
    attempted_at timestamptz  NOT NULL,
    -- the endpoint's answer, or null when there was none (error says why)
    status_code  int,
    error        varchar(300),
    duration_ms  int          NOT NULL,
    PRIMARY KEY (delivery_id, n)
);

CREATE TABLE webhook_endpoint (
    subscription_id  uuid         PRIMARY KEY,
    partner_id       varchar(64)  NOT NULL,
    -- the first failure since the last success; failing for trackguard.webhooks.disable-after disables it
    failing_since    timestamptz,
    disabled_at      timestamptz,
    disabled_reason  varchar(200)
);
