-- Separation of duties asks at every completion and assignment whether the actor recused themselves from
-- the step: an index that answers it without scanning the nomination's trail.
create index nomination_review_actor_idx on nomination_review (process_instance_id, step, actor, outcome);
drop index nomination_review_pi_idx;
