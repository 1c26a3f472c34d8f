-- Our own tables, beside Camunda's. Portable between H2 (embedded default) and PostgreSQL.

-- Units of the trade-union hierarchy, one row per version: a unit that moves to another parent gets a new
-- row from the date of the move. A row is in force on day D when valid_from <= D and (valid_to is null or
-- D < valid_to).
create table unit (
  code         varchar(64)  not null,
  valid_from   date         not null,
  valid_to     date,
  name         varchar(200) not null,
  kind         varchar(20)  not null, -- PROVINCE, SUPERIOR, GRASSROOTS
  parent_code  varchar(64),
  block        varchar(100),          -- emulation block of superior units
  decision_code varchar(40),          -- the body code in decision numbers: "Số: N/QĐ-<decision_code>"
  primary key (code, valid_from)
);

create table award_round (
  code        varchar(64)  primary key,
  name        varchar(200) not null,
  kind        varchar(20)  not null, -- ANNUAL, THEMATIC, AD_HOC
  round_year  integer      not null,
  opens_on    date         not null,
  closes_on   date         not null
);

-- Gap-free counters: incremented inside the transaction that uses the number, so a rollback returns it.
create table sequence_counter (
  name        varchar(100) not null,
  counter_year integer     not null,
  last_value  bigint       not null,
  primary key (name, counter_year)
);

create table nomination (
  process_instance_id  varchar(64)  primary key,
  code                 varchar(40)  not null unique,
  nominee_name         varchar(200) not null,
  nominee_kind         varchar(20)  not null,
  nominee_position     varchar(200),
  holds_leadership_post boolean     not null,
  direct_worker        boolean      not null,
  unit_code            varchar(64)  not null,
  superior_unit_code   varchar(64),
  province_unit_code   varchar(64)  not null,
  award_form           varchar(40)  not null,
  deciding_level       varchar(20),
  movement             varchar(40)  not null,
  round_code           varchar(64)  not null,
  round_year           integer      not null,
  preparer             varchar(64),
  status               varchar(30)  not null,
  current_step         varchar(100),
  current_step_name    varchar(200),
  overdue              boolean      not null default false,
  outcome              varchar(30),
  outcome_reason       varchar(2000),
  decision_body        varchar(64),
  decision_number      varchar(80),
  decision_date        date,
  award_money          bigint,
  created_at           timestamp    not null,
  updated_at           timestamp    not null,
  ended_at             timestamp
);
create index nomination_unit_idx on nomination (unit_code);
create index nomination_superior_idx on nomination (superior_unit_code);
create index nomination_year_idx on nomination (round_year, status);

-- Every review action, for auditors and statistics (Camunda's history has the same facts, spread wide).
create table nomination_review (
  id                   varchar(64)  primary key,
  process_instance_id  varchar(64)  not null references nomination (process_instance_id),
  step                 varchar(100) not null,
  step_name            varchar(200),
  task_id              varchar(64),
  actor                varchar(64),
  outcome              varchar(30)  not null,
  reason               varchar(2000),
  acted_at             timestamp    not null
);
create index nomination_review_pi_idx on nomination_review (process_instance_id);
