-- The nominations' search (/ho-so) at province scale (vn.congdoan.bench.SearchProbe): newest first and by
-- name without sorting every row, the province's scope by index, the overdue ones (few: only open
-- nominations can be) by a partial index, and the search by part of a name (audit.NominationSearch compares
-- nominee_key, the name in lower case) through trigrams: pg_trgm, a contrib extension every PostgreSQL
-- distribution ships, trusted since PostgreSQL 13, so the owner of the database may create it
-- (docker-compose's award user does); elsewhere an administrator runs "create extension pg_trgm" in the
-- database once, before this migration.
create extension if not exists pg_trgm;
create index nomination_created_idx on nomination (created_at, code);
create index nomination_nominee_idx on nomination (nominee_name, code);
create index nomination_province_idx on nomination (province_unit_code);
create index nomination_overdue_idx on nomination (created_at, code) where overdue;
create index nomination_nominee_trgm_idx on nomination using gin (nominee_key gin_trgm_ops);
