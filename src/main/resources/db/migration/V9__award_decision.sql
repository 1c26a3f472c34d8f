-- Award decisions ("Quyết định khen thưởng"): one numbered decision of a deciding body for one award form,
-- with its list of awardees ("Danh sách kèm theo Quyết định số ..."). A decision row and its items are
-- written once, in the transaction that takes the number, and never changed.
create table award_decision (
  id               varchar(64)   primary key,
  body_unit        varchar(64)   not null,
  body_name        varchar(200)  not null,
  decision_year    integer       not null,
  seq              bigint        not null,
  number           varchar(80)   not null,  -- as printed under the body's name: "Số: 12/QĐ-LĐLĐ"
  reference        varchar(80)   not null,  -- as cited in a text: "Quyết định số 12/QĐ-LĐLĐ"
  decision_date    date          not null,
  award_form       varchar(40)   not null,
  award_form_name  varchar(200)  not null,
  round_code       varchar(64),
  round_name       varchar(200),
  awardee_count    integer       not null,
  total_money      bigint        not null,
  issued_at        timestamp     not null,
  constraint award_decision_number_uk unique (body_unit, decision_year, seq)
);
create index award_decision_date_idx on award_decision (decision_date, body_unit);

create table award_decision_item (
  decision_id          varchar(64)   not null references award_decision (id),
  ordinal              integer       not null,
  process_instance_id  varchar(64)   not null references nomination (process_instance_id),
  nomination_code      varchar(40)   not null,
  nominee_kind         varchar(20)   not null,
  nominee_name         varchar(200)  not null,
  nominee_position     varchar(200),
  unit_name            varchar(200),
  money                bigint        not null,
  primary key (decision_id, ordinal),
  -- a nomination is awarded by one decision at most
  constraint award_decision_item_nomination_uk unique (process_instance_id)
);

-- The documents made from a decision (PDF, DOCX): the first copy made is kept and every later download is
-- that copy, byte for byte.
create table award_decision_document (
  decision_id   varchar(64)   not null references award_decision (id),
  format        varchar(10)   not null,
  content       bytea         not null,
  sha256        varchar(64)   not null,
  created_at    timestamp     not null,
  primary key (decision_id, format)
);
