-- Issue 11. Where a partner's incident notices go (notification-service reads it), and the
-- registration access token of its Keycloak client (sealed with the gateway's key): onboarding
-- changes a client with that token only, never with realm-wide rights.
ALTER TABLE partner ADD COLUMN privacy_contact varchar(254);
ALTER TABLE partner ADD COLUMN registration_token_ciphertext text;
