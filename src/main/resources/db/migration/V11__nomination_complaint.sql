-- Complaints on a candidate filed during the public notice of the candidate list. The secretariat resolves
-- them before the nomination goes to a council session (task complaintResolution); a complaint is never
-- deleted, only marked resolved with the task that resolved it.
create table nomination_complaint (
  id                   varchar(64)   primary key,
  process_instance_id  varchar(64)   not null references nomination (process_instance_id),
  complainant_name     varchar(200)  not null,
  content              varchar(4000) not null,
  filed_by             varchar(64)   not null,
  filed_by_name        varchar(200),
  filed_at             timestamp     not null,
  resolved_at          timestamp
);
create index nomination_complaint_pi_idx on nomination_complaint (process_instance_id, filed_at);
