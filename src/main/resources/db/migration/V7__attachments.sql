-- Files attached to a nomination (signed meeting minutes, achievement report, covering letter...): kept
-- with its history, never replaced or deleted (a corrected file is a new row).
create table nomination_attachment (
  id                   varchar(64)   primary key,
  process_instance_id  varchar(64)   not null references nomination (process_instance_id),
  kind                 varchar(30)   not null,
  file_name            varchar(200)  not null,
  content_type         varchar(100)  not null,
  size_bytes           bigint        not null,
  sha256               varchar(64)   not null,
  content              bytea         not null,
  step                 varchar(100),
  step_name            varchar(200),
  uploaded_by          varchar(64)   not null,
  uploaded_by_name     varchar(200),
  uploaded_at          timestamp     not null
);
create index nomination_attachment_pi_idx on nomination_attachment (process_instance_id, uploaded_at);
