-- Partners whose shipments are in guarded mode (README "Detection"): a distributed scrape of
-- their numbers was detected, and public lookups of their shipments answer the status only
-- until a privacy officer clears it. The row says what fired it; no personal data. Redis
-- holds the same mark for the lookup path; this table keeps it through a Redis restart.
CREATE TABLE guarded_partner (
    partner_id        varchar(64)  PRIMARY KEY REFERENCES partner (id),
    guarded_since     timestamptz  NOT NULL,
    window_start      timestamptz  NOT NULL,
    window_end        timestamptz  NOT NULL,
    -- distinct tracking numbers of the partner looked up publicly in the window (estimated)
    distinct_numbers  bigint       NOT NULL,
    -- the partner's normal count per window then, and the threshold it crossed
    normal_per_window bigint       NOT NULL,
    threshold         bigint       NOT NULL,
    evidence          varchar(500) NOT NULL
);
GRANT SELECT, INSERT, DELETE ON guarded_partner TO ${appRole};
