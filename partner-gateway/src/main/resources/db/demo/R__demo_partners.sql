-- DEMO-ONLY partners of the local stack, the end-to-end suite and the tests (their Keycloak
-- clients are in deploy/keycloak/demo-realm-additions.json). Never in a deployment: Flyway runs
-- it in the dev and test profiles only (quarkus.flyway.locations is fixed at build time, and the
-- packaged service's is db/migration alone); scripts/stack.sh and the e2e suite run it with psql.
INSERT INTO partner (id, display_name, sensitive, plan, client_id, enabled, privacy_contact) VALUES
    ('ocs', 'Ontario Cannabis Retail', true, 'standard', 'partner-ocs', true, 'privacy@ocs.example'),
    ('acme', 'Acme Outfitters', false, 'premium', 'partner-acme', true, 'privacy@acme.example')
ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, sensitive = excluded.sensitive, plan = excluded.plan,
    client_id = excluded.client_id, privacy_contact = excluded.privacy_contact;
