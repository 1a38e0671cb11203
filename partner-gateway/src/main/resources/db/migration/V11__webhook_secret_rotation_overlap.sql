-- A rotated webhook secret stays valid for an overlap (trackguard.gateway.webhook-rotation-overlap,
-- 24 h): notification-service signs with both meanwhile (Standard Webhooks: one signature per
-- secret, space-separated), so a partner can switch its verifier without losing a delivery.
ALTER TABLE webhook_subscription ADD COLUMN previous_secret_ciphertext text;
ALTER TABLE webhook_subscription ADD COLUMN previous_secret_until timestamptz;
