-- Every mail the application queues, for delivery and for auditors: who, what, when queued, when sent,
-- how many attempts, the last error.
create table mail_message (
  id                   varchar(64)    primary key,
  process_instance_id  varchar(64),            -- the nomination's process instance (null for a digest)
  nomination_code      varchar(40),
  template             varchar(60)    not null,
  event                varchar(200),           -- which element and event queued it, e.g. superiorVetting/create
  task_id              varchar(64),
  recipient_user       varchar(64),
  recipient_email      varchar(320)   not null,
  subject              varchar(500)   not null,
  body_text            varchar(200000) not null,
  body_html            varchar(200000) not null,
  status               varchar(20)    not null, -- QUEUED, SENT, HELD (for the daily digest), DIGESTED
  digest_id            varchar(64),             -- the digest mail that carried a HELD mail
  attempts             integer        not null default 0,
  last_error           varchar(2000),
  queued_at            timestamp      not null,
  last_attempt_at      timestamp,
  sent_at              timestamp
);
create index mail_message_pi_idx on mail_message (process_instance_id);
create index mail_message_status_idx on mail_message (status, recipient_user);
