-- The nominations' search (/ho-so) at province scale (vn.congdoan.bench.SearchProbe): newest first and by
-- name without sorting every row, the province's scope by index, and the search by part of a name through
-- trigrams (pg_trgm, a contrib extension every PostgreSQL distribution ships; trusted since PostgreSQL 13,
-- so the owner of the database may create it: docker-compose's award user does. Elsewhere an administrator
-- runs "create extension pg_trgm" in the database once, before this migration).
create extension if not exists pg_trgm;
create index nomination_created_idx on nomination (created_at, code);
create index nomination_nominee_idx on nomination (nominee_name, code);
create index nomination_province_idx on nomination (province_unit_code);
create index nomination_nominee_trgm_idx on nomination using gin (lower(nominee_name) gin_trgm_ops);
