-- Notices are written in the recipient's language when the partner gives it (en or fr).
-- Nullable with no default: adding it is a change of the catalogue only, whatever the size of
-- the table. The check is NOT VALID so that it scans nothing now; every new row is checked.
ALTER TABLE shipment ADD COLUMN recipient_language varchar(2);
ALTER TABLE shipment ADD CONSTRAINT shipment_recipient_language_check
    CHECK (recipient_language IN ('en', 'fr')) NOT VALID;

-- Incident response for a distributed scrape asks "what of partner P's shipments was disclosed
-- between t1 and t2, whoever looked": served by this index, as the actor question is by
-- access_record_actor_idx. Created on the partitioned parent, so every month's partition,
-- present and future, gets it.
CREATE INDEX access_record_partner_idx ON access_record (partner_id, occurred_at) WHERE partner_id IS NOT NULL;
