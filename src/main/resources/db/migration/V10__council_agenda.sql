-- The agenda of a council session (process council-session): the nominations it took, each at most once
-- ever (a nomination leaves an agenda only by ending: withdrawn, failed, struck, decided or forwarded), and
-- what became of each: the ballot's figures, the threshold's verdict, the standing committee's and the
-- decision that awarded it.
create table council_agenda (
  session_process_instance_id     varchar(64)   not null,
  ordinal                         integer       not null,
  nomination_process_instance_id  varchar(64)   not null references nomination (process_instance_id),
  nomination_code                 varchar(40)   not null,
  award_form                      varchar(40)   not null,
  state                           varchar(20)   not null, -- ON_AGENDA, VOTED, WITHDRAWN, FAILED, STRUCK, DECIDED, FORWARDED
  council_members                 bigint,
  council_present                 bigint,
  council_for                     bigint,
  council_against                 bigint,
  council_abstain                 bigint,
  ballot_passed                   boolean,
  reason                          varchar(2000),
  decision_id                     varchar(64)   references award_decision (id),
  updated_at                      timestamp     not null,
  primary key (session_process_instance_id, ordinal),
  constraint council_agenda_nomination_uk unique (nomination_process_instance_id)
);
