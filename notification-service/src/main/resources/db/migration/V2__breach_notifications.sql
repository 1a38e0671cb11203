-- Breach notifications: incidents with their lifecycle and history, the security events they
-- came from, their scope (shipments and people), the risk assessment, and the notice outbox.
-- Records of a closed incident are kept 24 months (SOR/2018-64 s.6), then the retention job
-- deletes the incident and, by cascade, everything that belongs to it.

-- Lifecycle: DETECTED -> SCOPING -> ASSESSED -> NOTIFYING -> NOTIFIED -> CLOSED
UPDATE incident SET status = CASE status WHEN 'OPEN' THEN 'DETECTED' WHEN 'SCOPED' THEN 'ASSESSED'
                                         WHEN 'NOTIFYING' THEN 'NOTIFYING' ELSE 'CLOSED' END;
ALTER TABLE incident ALTER COLUMN actor_pseudonym DROP NOT NULL;
ALTER TABLE incident RENAME COLUMN summary TO description;
ALTER TABLE incident ALTER COLUMN description TYPE varchar(2000);
ALTER TABLE incident
    -- STREAM (a security event) or MANUAL (a privacy officer)
    ADD COLUMN origin               varchar(16)   NOT NULL DEFAULT 'STREAM',
    ADD COLUMN opened_by            varchar(200)  NOT NULL DEFAULT 'tracking-service',
    -- DISTRIBUTED_SCRAPING and manual incidents may name the partner whose shipments were walked
    ADD COLUMN partner_id           varchar(64),
    -- the members of a network bucket (net56:/net48:), each an audit actor id
    ADD COLUMN member_actors        text[]        NOT NULL DEFAULT '{}',
    ADD COLUMN evidence             varchar(8000),
    ADD COLUMN distinct_numbers     integer       NOT NULL DEFAULT 0,
    ADD COLUMN misses               integer       NOT NULL DEFAULT 0,
    ADD COLUMN failed_verifications integer       NOT NULL DEFAULT 0,
    ADD COLUMN blocked_until        timestamptz,
    ADD COLUMN updated_at           timestamptz   NOT NULL DEFAULT now(),
    -- bumped by each new piece of evidence; the scope is read again while scoped_revision lags
    ADD COLUMN revision             integer       NOT NULL DEFAULT 1,
    ADD COLUMN scoped_revision      integer       NOT NULL DEFAULT 0,
    ADD COLUMN scope_lease_until    timestamptz,
    ADD COLUMN scope_attempts       integer       NOT NULL DEFAULT 0,
    ADD COLUMN scope_next_at        timestamptz,
    ADD COLUMN scope_problem        varchar(500),
    ADD COLUMN shipments_exposed    integer       NOT NULL DEFAULT 0,
    ADD COLUMN people_affected      integer       NOT NULL DEFAULT 0,
    -- the assessment: LOW/MEDIUM/HIGH (NONE when nothing beyond the public tier), and why
    ADD COLUMN sensitivity          varchar(16),
    ADD COLUMN probability          varchar(16),
    ADD COLUMN risk                 varchar(16),
    ADD COLUMN assessment_reasons   text[]        NOT NULL DEFAULT '{}',
    -- PENDING (an officer decides), NOTIFY, NO_NOTICE
    ADD COLUMN decision             varchar(16),
    ADD COLUMN decided_by           varchar(200),
    ADD COLUMN decided_at           timestamptz,
    ADD COLUMN decision_reason      varchar(2000),
    -- GDPR Art. 33: aware_at starts the clock, regulator_deadline is 72 hours later
    ADD COLUMN aware_at             timestamptz,
    ADD COLUMN regulator_deadline   timestamptz,
    ADD COLUMN escalated_at         timestamptz,
    ADD COLUMN regulator_reported_at timestamptz,
    ADD COLUMN regulator_reference  varchar(200),
    ADD COLUMN closed_at            timestamptz,
    ADD COLUMN close_reason         varchar(2000);
UPDATE incident SET aware_at = opened_at, regulator_deadline = opened_at + interval '72 hours';
ALTER TABLE incident ALTER COLUMN aware_at SET NOT NULL, ALTER COLUMN regulator_deadline SET NOT NULL;
CREATE INDEX incident_open_actor_idx ON incident (actor_pseudonym) WHERE status <> 'CLOSED';
CREATE INDEX incident_open_partner_idx ON incident (partner_id) WHERE status <> 'CLOSED';
CREATE INDEX incident_to_scope_idx ON incident (scope_next_at) WHERE status <> 'CLOSED' AND scoped_revision < revision;
CREATE INDEX incident_status_idx ON incident (status, opened_at DESC);
CREATE INDEX incident_closed_idx ON incident (closed_at) WHERE status = 'CLOSED';

-- Every change of an incident: append-only (no row is ever changed; whole incidents go at retention).
CREATE TABLE incident_history (
    id          bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id uuid          NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    at          timestamptz   NOT NULL,
    -- officer:<user>, rule:<name>, system:<part>
    by_whom     varchar(200)  NOT NULL,
    -- OPENED, EVIDENCE, TRANSITION, SCOPE, ASSESSMENT, DECISION, OVERRIDE, ESCALATION, NOTICE, REPORT, CLOSED
    what        varchar(32)   NOT NULL,
    from_status varchar(16),
    to_status   varchar(16),
    reason      varchar(4000) NOT NULL
);
CREATE INDEX incident_history_incident_idx ON incident_history (incident_id, id);
CREATE FUNCTION incident_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'incident_history is append-only';
END;
$$;
CREATE TRIGGER incident_history_append_only BEFORE UPDATE ON incident_history
    FOR EACH ROW EXECUTE FUNCTION incident_history_append_only();

-- Stream entries already handled: written in the same transaction as the incident they open
-- or update, so an entry delivered twice (a crash before XACK) changes nothing the second time.
CREATE TABLE processed_event (
    stream       varchar(200) NOT NULL,
    entry_id     varchar(64)  NOT NULL,
    processed_at timestamptz  NOT NULL,
    -- OPENED, UPDATED, DEAD
    outcome      varchar(16)  NOT NULL,
    incident_id  uuid,
    PRIMARY KEY (stream, entry_id)
);
CREATE INDEX processed_event_at_idx ON processed_event (processed_at);

-- Entries that are not a security event of the contract: kept with the reason, never retried.
CREATE TABLE dead_event (
    id          bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream      varchar(200)  NOT NULL,
    entry_id    varchar(64)   NOT NULL,
    received_at timestamptz   NOT NULL,
    reason      varchar(1000) NOT NULL,
    -- the entry's fields as received (values cut at 1000 characters)
    fields      jsonb         NOT NULL
);
CREATE INDEX dead_event_at_idx ON dead_event (received_at);

-- The people affected: one row per person, however many of their shipments were exposed.
-- person_key is the normalised email, or no-email:<tracking number> when the shipment has none.
CREATE TABLE affected_person (
    id          uuid          PRIMARY KEY,
    incident_id uuid          NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    person_key  varchar(300)  NOT NULL,
    name        varchar(200),
    email       varchar(254),
    -- en or fr when every shipment that says agrees; null: notices in both
    language    varchar(2),
    CONSTRAINT affected_person_once UNIQUE (incident_id, person_key)
);

-- The scope: each exposed shipment, what was disclosed, at which tiers, when, and whose it is.
CREATE TABLE incident_exposure (
    incident_id       uuid         NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    tracking_number   varchar(18)  NOT NULL,
    partner_id        varchar(64)  NOT NULL,
    partner_sensitive boolean      NOT NULL,
    fields            text[]       NOT NULL,
    tiers             text[]       NOT NULL,
    first_seen        timestamptz  NOT NULL,
    last_seen         timestamptz  NOT NULL,
    accesses          bigint       NOT NULL,
    person_id         uuid         NOT NULL REFERENCES affected_person (id) ON DELETE CASCADE,
    PRIMARY KEY (incident_id, tracking_number)
);
CREATE INDEX incident_exposure_person_idx ON incident_exposure (person_id);
CREATE INDEX incident_exposure_partner_idx ON incident_exposure (incident_id, partner_id);

-- The outbox: each notice written in the same transaction as the decision to send it.
CREATE TABLE notice (
    id              uuid          PRIMARY KEY,
    incident_id     uuid          NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    -- PERSON, PARTNER, OFFICERS
    channel         varchar(16)   NOT NULL,
    person_id       uuid          REFERENCES affected_person (id) ON DELETE CASCADE,
    partner_id      varchar(64),
    -- where it goes; a partner's is looked up at delivery; null while unknown
    address         varchar(254),
    -- the address' domain: sends to one destination are limited per replica
    destination     varchar(254),
    -- en, fr, or en+fr
    language        varchar(8)    NOT NULL,
    -- QUEUED, SENDING, SENT, BOUNCED, DEAD, HELD (an officer must act), CANCELLED
    status          varchar(16)   NOT NULL,
    attempts        integer       NOT NULL DEFAULT 0,
    next_attempt_at timestamptz   NOT NULL,
    lease_token     uuid,
    lease_until     timestamptz,
    leased_by       varchar(100),
    -- one per notice, also its Message-ID: a notice sent again after a crash is the same message
    idempotency_key varchar(200)  NOT NULL UNIQUE,
    last_error      varchar(1000),
    subject         varchar(300),
    created_at      timestamptz   NOT NULL,
    updated_at      timestamptz   NOT NULL,
    sent_at         timestamptz
);
CREATE UNIQUE INDEX notice_person_once ON notice (incident_id, person_id) WHERE channel = 'PERSON';
CREATE UNIQUE INDEX notice_partner_once ON notice (incident_id, partner_id) WHERE channel = 'PARTNER';
CREATE INDEX notice_due_idx ON notice (next_attempt_at) WHERE status = 'QUEUED';
CREATE INDEX notice_leased_idx ON notice (lease_until) WHERE status = 'SENDING';
CREATE INDEX notice_incident_idx ON notice (incident_id, channel, status);
