-- Partners as tracking-service knows them: copied from the partner's token claims at each
-- shipment creation (tracking-service never reads partner-gateway's tables).
CREATE TABLE partner (
    id           varchar(64)  PRIMARY KEY,
    display_name varchar(200) NOT NULL,
    -- A sensitive partner's name is never shown in the public view.
    sensitive    boolean      NOT NULL,
    updated_at   timestamptz  NOT NULL
);

CREATE TABLE shipment (
    id                     uuid         PRIMARY KEY,
    -- canonical 18-symbol form, see TrackingNumber
    tracking_number        char(18)     NOT NULL UNIQUE,
    partner_id             varchar(64)  NOT NULL REFERENCES partner (id),
    -- the partner's own order reference: never accepted by a public endpoint
    order_reference        varchar(64)  NOT NULL,
    recipient_name         varchar(200) NOT NULL,
    recipient_email        varchar(254),
    recipient_phone        varchar(32),
    destination_line1      varchar(200) NOT NULL,
    destination_line2      varchar(200),
    destination_city       varchar(100) NOT NULL,
    destination_province   char(2)      NOT NULL,
    destination_postal_code char(6)     NOT NULL,
    destination_country    char(2)      NOT NULL,
    product_category       varchar(64)  NOT NULL,
    status                 varchar(32)  NOT NULL,
    expected_delivery_date date,
    delivered_at           timestamptz,
    signer_name            varchar(200),
    created_at             timestamptz  NOT NULL,
    updated_at             timestamptz  NOT NULL,
    version                bigint       NOT NULL DEFAULT 0,
    CONSTRAINT shipment_partner_reference_unique UNIQUE (partner_id, order_reference)
);
-- the partner's own list, newest first
CREATE INDEX shipment_partner_created_idx ON shipment (partner_id, created_at DESC);

CREATE TABLE scan_event (
    id                uuid         PRIMARY KEY,
    shipment_id       uuid         NOT NULL REFERENCES shipment (id),
    type              varchar(32)  NOT NULL,
    occurred_at       timestamptz  NOT NULL,
    facility_city     varchar(100),
    facility_province char(2),
    recorded_at       timestamptz  NOT NULL,
    -- the client id of the operations account that posted it
    recorded_by       varchar(100) NOT NULL
);
CREATE INDEX scan_event_shipment_idx ON scan_event (shipment_id, occurred_at);
