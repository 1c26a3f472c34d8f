-- The nominations' search (/ho-so) at province scale (vn.congdoan.bench.SearchProbe): newest first and by
-- name without sorting every row, and the province's scope by index. PostgreSQL gets a trigram index for
-- the name search as well (db/vendor/postgresql/V8__search_indexes.sql); H2 has none.
create index nomination_created_idx on nomination (created_at, code);
create index nomination_nominee_idx on nomination (nominee_name, code);
create index nomination_province_idx on nomination (province_unit_code);
