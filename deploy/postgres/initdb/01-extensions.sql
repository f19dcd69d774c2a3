-- Runs once, when the compose Postgres volume is first created (docker-entrypoint-initdb.d).
-- Every service keeps `public` after its own schema on the search_path for the shared extensions
-- cube and earthdistance (libs/platform/src/db/database.ts). earthdistance is not a trusted extension,
-- so only a superuser may create it: in production a DBA runs these statements once, and the apps'
-- role needs no superuser rights.
CREATE EXTENSION IF NOT EXISTS cube SCHEMA public;
CREATE EXTENSION IF NOT EXISTS earthdistance SCHEMA public;
