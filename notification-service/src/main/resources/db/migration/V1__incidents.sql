-- Incidents opened from security events (the detection issue fills this table).
-- Records are kept 24 months.
CREATE TABLE incident (
    id              uuid         PRIMARY KEY,
    opened_at       timestamptz  NOT NULL,
    status          varchar(32)  NOT NULL,
    -- what raised it, e.g. ENUMERATION
    kind            varchar(64)  NOT NULL,
    -- the keyed pseudonym of the actor, never a raw address
    actor_pseudonym varchar(128) NOT NULL,
    window_start    timestamptz  NOT NULL,
    window_end      timestamptz  NOT NULL,
    summary         varchar(1000)
);
CREATE INDEX incident_opened_idx ON incident (opened_at DESC);
