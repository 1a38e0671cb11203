-- Partners as partner-gateway knows them: their plan (quotas), whether they are sensitive,
-- and their Keycloak client. Rows for the demo partners of the realm; onboarding adds more.
CREATE TABLE partner (
    id            varchar(64)  PRIMARY KEY,
    display_name  varchar(200) NOT NULL,
    sensitive     boolean      NOT NULL,
    plan          varchar(32)  NOT NULL,
    client_id     varchar(100) NOT NULL UNIQUE,
    enabled       boolean      NOT NULL DEFAULT true,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now()
);
INSERT INTO partner (id, display_name, sensitive, plan, client_id) VALUES
    ('ocs', 'Ontario Cannabis Retail', true, 'standard', 'partner-ocs'),
    ('acme', 'Acme Outfitters', false, 'premium', 'partner-acme');

-- The first answer to each Idempotency-Key, per partner, kept 24 hours. status NULL: the
-- first request is still running; status 0: its outcome is unknown (tracking-service did
-- not answer), so a retry with the same key asks again and finds what was created.
CREATE TABLE idempotency_record (
    partner_id      varchar(64)  NOT NULL,
    idempotency_key varchar(255) NOT NULL,
    request_hash    char(64)     NOT NULL,
    status          integer,
    response_body   text,
    location        varchar(500),
    created_at      timestamptz  NOT NULL,
    expires_at      timestamptz  NOT NULL,
    PRIMARY KEY (partner_id, idempotency_key)
);
CREATE INDEX idempotency_record_expires_idx ON idempotency_record (expires_at);

-- Webhook subscriptions. The signing secret is stored encrypted (AES-GCM with the
-- gateway's key): notification-service needs it to sign, so it cannot be a hash.
CREATE TABLE webhook_subscription (
    id                uuid          PRIMARY KEY,
    partner_id        varchar(64)   NOT NULL,
    url               varchar(2000) NOT NULL,
    events            text[]        NOT NULL,
    secret_ciphertext varchar(500)  NOT NULL,
    created_at        timestamptz   NOT NULL,
    secret_rotated_at timestamptz   NOT NULL
);
CREATE INDEX webhook_subscription_partner_idx ON webhook_subscription (partner_id);
