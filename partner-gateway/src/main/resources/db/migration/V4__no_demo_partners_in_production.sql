-- Issue 11: no demo data in production. V2 recorded the demo partners ocs and acme everywhere;
-- they now come from db/demo, which only the dev and test profiles, the local stack and the
-- end-to-end suite add to the migration locations.
DELETE FROM partner WHERE (id, client_id) IN (('ocs', 'partner-ocs'), ('acme', 'partner-acme'));
