-- partner-gateway's own database. Its tables (idempotency keys, webhook subscriptions,
-- partners onboarded here) arrive with the partner-gateway issue; this baseline only
-- gives Flyway a history to build on.
SELECT 1;
