-- mail_message becomes the delivery queue itself (README, "Mail delivery"; notification.MailDelivery): a row is
-- claimed by one node, marked SENDING in its own commit before the SMTP call and SENT after it. Portable between
-- H2 and PostgreSQL.
alter table mail_message add column message_id varchar(250);      -- the Message-ID header, the same on every attempt
alter table mail_message add column next_attempt_at timestamp;     -- a QUEUED mail is due from then (retry back-off)
alter table mail_message add column failures integer default 0 not null; -- failed attempts since queued or resent
alter table mail_message add column claimed_by varchar(100);       -- the node that claimed it
alter table mail_message add column claimed_until timestamp;       -- QUEUED: end of the claim; SENDING: end of the attempt
alter table mail_message add column check_result varchar(20);      -- an interrupted attempt: FOUND / NOT_FOUND / NO_CHECK
alter table mail_message add column incident_id varchar(64);       -- the Cockpit incident of a FAILED or UNCERTAIN mail
alter table mail_message add column needs_incident boolean default false not null;

update mail_message set message_id = '<' || id || '@congdoan-laichau.example>';
alter table mail_message alter column message_id set not null;
create unique index mail_message_message_id_idx on mail_message (message_id);
-- Mails queued by the earlier design (a mail-delivery job each) are due now.
update mail_message set next_attempt_at = queued_at where status = 'QUEUED';
create index mail_message_due_idx on mail_message (status, next_attempt_at);
