-- The nominee's name as compared for the duplicate warning (same person, same award form, same round):
-- Unicode NFC, lower case, single spaces (nomination.NominationReadModel.nomineeKey). Rows filed before
-- this version get lower(name); their next revision writes the exact key.
alter table nomination add column nominee_key varchar(200);
update nomination set nominee_key = lower(nominee_name);
create index nomination_duplicate_idx on nomination (round_code, award_form, nominee_key);
