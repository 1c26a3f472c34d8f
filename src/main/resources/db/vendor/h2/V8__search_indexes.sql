-- The nominations' search (/ho-so) at province scale (vn.congdoan.bench.SearchProbe): newest first and by
-- name without sorting every row, the province's scope and the overdue ones by index. PostgreSQL gets a
-- trigram index for the search by part of a name as well (db/vendor/postgresql/V8__search_indexes.sql).
create index nomination_created_idx on nomination (created_at, code);
create index nomination_nominee_idx on nomination (nominee_name, code);
create index nomination_province_idx on nomination (province_unit_code);
create index nomination_overdue_idx on nomination (overdue, created_at, code);
