-- One owner role and one database per service; no service can read another's tables.
-- tracking-service also has an application role, tracking_app: the service connects as it
-- and may only read and append the access audit log, never change or delete it. The
-- migrations run as the owner, tracking.
-- The *_test databases serve each service's @QuarkusTest run, *_e2e the end-to-end suite,
-- so that a test run never touches the local stack's data; tracking_bench serves bench/.
-- Passwords are DEMO-ONLY; real deployments set their own (deploy/).
SELECT 'CREATE ROLE tracking LOGIN PASSWORD ''demo-only-tracking'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tracking') \gexec
SELECT 'CREATE ROLE tracking_app LOGIN PASSWORD ''demo-only-tracking-app'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tracking_app') \gexec
SELECT 'CREATE ROLE gateway LOGIN PASSWORD ''demo-only-gateway'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gateway') \gexec
SELECT 'CREATE ROLE notification LOGIN PASSWORD ''demo-only-notification'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'notification') \gexec

SELECT format('CREATE DATABASE %I OWNER %I', d.name, d.owner)
  FROM (VALUES ('tracking', 'tracking'), ('tracking_test', 'tracking'), ('tracking_e2e', 'tracking'), ('tracking_bench', 'tracking'),
               ('gateway', 'gateway'), ('gateway_test', 'gateway'), ('gateway_e2e', 'gateway'),
               ('notification', 'notification'), ('notification_test', 'notification'), ('notification_e2e', 'notification'))
       AS d(name, owner)
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = d.name) \gexec
