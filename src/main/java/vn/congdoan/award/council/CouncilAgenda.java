package vn.congdoan.award.council;

import static vn.congdoan.award.nomination.NominationVariables.*;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.congdoan.award.form.InputValidationException;
import vn.congdoan.award.nomination.NominationReadModel;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.Texts;

/**
 * The agenda of a council session ({@code council_agenda}) as the {@code council-session} model reads and
 * writes it through expressions ({@code ${councilAgenda.…}}): the candidates of the multi-instance review, the
 * candidate's data for its ballot, the ballot's record, a candidate that leaves by withdrawal, the summary the
 * standing committee approves and its strikes. The session's own flow, who votes and the threshold are the
 * model's and its decision tables'.
 */
@Component("councilAgenda")
public class CouncilAgenda {
  /** A candidate's message: the nomination left the agenda (withdrawn); one name per candidate. */
  public static final String WITHDRAWN_MESSAGE_PREFIX = "candidateWithdrawn_";
  /** The variables of a nomination a session's candidate scope copies (its cards, forms and guards read them). */
  static final List<String> CANDIDATE_VARIABLES = List.of(NOMINATION_CODE, NOMINEE_NAME, NOMINEE_KIND,
      NOMINEE_POSITION, AWARD_FORM, "awardFormName", GRASSROOTS_UNIT, GRASSROOTS_UNIT_NAME, SUPERIOR_UNIT_NAME,
      PREPARER, "achievements");
  static final String STRUCK = "standingApprovalStruck";
  static final String STANDING_OUTCOME = "standingApprovalOutcome";
  static final String STANDING_REASON = "standingApprovalReason";

  private final JdbcTemplate jdbc;
  private final BusinessClock clock;
  private final Texts texts;
  private final NominationReadModel readModel;
  private final vn.congdoan.award.support.WithoutAuthorization withoutAuthorization;

  public CouncilAgenda(JdbcTemplate jdbc, BusinessClock clock, Texts texts, NominationReadModel readModel,
      vn.congdoan.award.support.WithoutAuthorization withoutAuthorization) {
    this.withoutAuthorization = withoutAuthorization;
    this.jdbc = jdbc;
    this.clock = clock;
    this.texts = texts;
    this.readModel = readModel;
  }

  /** The nominations still to be voted on in this session, in the agenda's order. */
  public List<String> candidates(DelegateExecution execution) {
    return jdbc.queryForList("select nomination_process_instance_id from council_agenda where "
        + "session_process_instance_id = ? and state in ('ON_AGENDA', 'VOTED') order by ordinal", String.class,
        execution.getProcessInstanceId());
  }

  /** The candidate's variables (see {@link #CANDIDATE_VARIABLES}), read whatever the acting user may read. */
  public Map<String, Object> of(String nominationProcessInstanceId) {
    var context = Context.getCommandContext();
    Map<String, Object> values = context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration()
        .getRuntimeService().getVariables(nominationProcessInstanceId, CANDIDATE_VARIABLES));
    Map<String, Object> all = new HashMap<>();
    CANDIDATE_VARIABLES.forEach(name -> all.put(name, null)); // absent ones are null, not an error
    all.putAll(values);
    return all;
  }

  /** After the threshold's verdict: the candidate's ballot, kept on the agenda. */
  public void recordBallot(DelegateExecution candidate) {
    jdbc.update("""
        update council_agenda set state = 'VOTED', council_members = ?, council_present = ?, council_for = ?,
          council_against = ?, council_abstain = ?, ballot_passed = ?, updated_at = ?
        where session_process_instance_id = ? and nomination_process_instance_id = ? and state in ('ON_AGENDA', 'VOTED')""",
        candidate.getVariable(COUNCIL_MEMBERS), candidate.getVariable(COUNCIL_PRESENT), candidate.getVariable(COUNCIL_FOR),
        candidate.getVariable(COUNCIL_AGAINST), candidate.getVariable(COUNCIL_ABSTAIN),
        Boolean.TRUE.equals(candidate.getVariable("ballotPassed")), now(), candidate.getProcessInstanceId(),
        candidate.getVariable(NOMINATION_INSTANCE));
  }

  /**
   * The nomination's wait for a session ended (listener on its {@code end}): when no session result ended it,
   * it was withdrawn. Its agenda line says so, and a ballot waiting for it in the session is ended by the
   * candidate's own message, so the session goes on without it.
   */
  public void left(DelegateExecution nomination) {
    if (nomination.getVariable(COUNCIL_OUTCOME) != null) {
      return; // the session's result moved it on
    }
    String pi = nomination.getProcessInstanceId();
    List<String> sessions = jdbc.queryForList("select session_process_instance_id from council_agenda "
        + "where nomination_process_instance_id = ? and state in ('ON_AGENDA', 'VOTED')", String.class, pi);
    if (sessions.isEmpty()) {
      return;
    }
    jdbc.update("update council_agenda set state = 'WITHDRAWN', reason = ?, updated_at = ? "
        + "where nomination_process_instance_id = ?", text(nomination.getVariable(WITHDRAWAL_REASON)), now(), pi);
    var runtime = nomination.getProcessEngineServices().getRuntimeService();
    // no ballot waiting (already recorded): nothing listens, and correlateAll ends nothing
    Context.getCommandContext().runWithoutAuthorization(() -> runtime
        .createMessageCorrelation(WITHDRAWN_MESSAGE_PREFIX + pi).processInstanceId(sessions.get(0)).correlateAllWithResult());
  }

  /** Before the standing committee: the list as the council left it, one line a candidate. */
  public void summarize(DelegateExecution session) {
    StringBuilder out = new StringBuilder();
    for (Map<String, Object> r : jdbc.queryForList("""
        select a.nomination_code, n.nominee_name, a.award_form, a.state, a.council_members, a.council_present,
          a.council_for, a.ballot_passed
        from council_agenda a join nomination n on n.process_instance_id = a.nomination_process_instance_id
        where a.session_process_instance_id = ? order by a.ordinal""", session.getProcessInstanceId())) {
      String verdict = "WITHDRAWN".equals(r.get("state")) ? texts.get("session.summary.withdrawn")
          : Boolean.TRUE.equals(r.get("ballot_passed")) ? texts.get("session.summary.passed")
          : texts.get("session.summary.failed");
      out.append(texts.get("session.summary.line", r.get("nomination_code"), r.get("nominee_name"),
          texts.getOrDefault("award.form." + r.get("award_form"), (String) r.get("award_form")),
          r.get("council_for") == null ? "–" : r.get("council_for"),
          r.get("council_members") == null ? "–" : r.get("council_members"), verdict)).append('\n');
    }
    session.setVariable("sessionSummary", out.toString().strip());
  }

  /**
   * After the standing committee's approval (synchronously, so a refusal refuses the completion): the codes it
   * struck must be candidates that passed the ballot, and a strike needs the reason. Each candidate's trail
   * records the committee's word on it.
   */
  public void checkStruck(DelegateExecution session) {
    Set<String> struck = codes(session.getVariable(STRUCK));
    String outcome = text(session.getVariable(STANDING_OUTCOME));
    String reason = text(session.getVariable(STANDING_REASON));
    List<Map<String, Object>> agenda = jdbc.queryForList("select nomination_process_instance_id, nomination_code, "
        + "state, ballot_passed from council_agenda where session_process_instance_id = ? order by ordinal",
        session.getProcessInstanceId());
    Set<String> passed = new LinkedHashSet<>();
    agenda.stream().filter(r -> "VOTED".equals(r.get("state")) && Boolean.TRUE.equals(r.get("ballot_passed")))
        .forEach(r -> passed.add((String) r.get("nomination_code")));
    List<String> errors = new ArrayList<>();
    Set<String> unknown = new LinkedHashSet<>(struck);
    unknown.removeAll(passed);
    if (!unknown.isEmpty()) {
      errors.add(texts.get("session.struck.unknown", String.join(", ", unknown)));
    }
    if (!struck.isEmpty() && !OUTCOME_APPROVE.equals(outcome)) {
      errors.add(texts.get("session.struck.onlyWithApproval"));
    }
    if (!struck.isEmpty() && reason == null) {
      errors.add(texts.get("session.struck.reasonRequired"));
    }
    if (!errors.isEmpty()) {
      throw new InputValidationException(texts.get("validation.title"), errors);
    }
    session.setVariable(STRUCK, String.join(", ", struck)); // as the committee's record: normalised
    if (!OUTCOME_APPROVE.equals(outcome)) {
      return; // returned to the council: the trail gets the next ballot
    }
    Authentication auth = Context.getCommandContext().getAuthentication();
    String actor = auth == null ? null : auth.getUserId();
    String actorName = actor == null ? null : nameOf(session, actor);
    for (Map<String, Object> r : agenda) {
      if (!passed.contains((String) r.get("nomination_code"))) {
        continue;
      }
      boolean isStruck = struck.contains((String) r.get("nomination_code"));
      readModel.recordReview((String) r.get("nomination_process_instance_id"), "standingApproval",
          texts.get("session.standingStep"), null, actor, actorName, isStruck ? OUTCOME_REJECT : OUTCOME_APPROVE,
          isStruck ? reason : null, null);
      if (isStruck) {
        jdbc.update("update council_agenda set state = 'STRUCK', reason = ?, updated_at = ? "
            + "where session_process_instance_id = ? and nomination_code = ?", reason, now(),
            session.getProcessInstanceId(), r.get("nomination_code"));
      }
    }
  }

  /**
   * After the secretariat's one dispatch for the session's national forms (task {@code forwardNational}): each
   * such nomination's own forwarding task is completed with that dispatch, as the secretary who recorded it, and
   * so checked like any completion (its form, separation of duties) and recorded in its trail. One already
   * forwarded on its own is left as it is.
   */
  public void forwardTogether(DelegateExecution session) {
    Map<String, Object> dispatch = new java.util.HashMap<>();
    dispatch.put("nationalDispatchNumber", session.getVariable("nationalDispatchNumber"));
    dispatch.put("nationalDispatchDate", session.getVariable("nationalDispatchDate"));
    var tasks = session.getProcessEngineServices().getTaskService();
    for (String pi : jdbc.queryForList("select nomination_process_instance_id from council_agenda "
        + "where session_process_instance_id = ? and state = 'FORWARDED' order by ordinal", String.class,
        session.getProcessInstanceId())) {
      withoutAuthorization.call(() -> {
        var open = tasks.createTaskQuery().processInstanceId(pi).taskDefinitionKey("nationalForwarding").singleResult();
        if (open != null) {
          tasks.complete(open.getId(), dispatch);
        }
        return null;
      });
    }
  }

  /** Codes as typed: separated by commas, semicolons, spaces or lines; upper-cased; duplicates once. */
  static Set<String> codes(Object value) {
    Set<String> codes = new LinkedHashSet<>();
    if (value instanceof String s) {
      for (String part : s.split("[,;\\s]+")) {
        if (!part.isBlank()) {
          codes.add(part.strip().toUpperCase(java.util.Locale.ROOT));
        }
      }
    }
    return codes;
  }

  /** The agenda's lines, for the session's decisions. */
  List<Map<String, Object>> lines(String sessionProcessInstanceId) {
    return jdbc.queryForList("""
        select a.*, n.deciding_level, n.nominee_kind, n.round_code from council_agenda a
        join nomination n on n.process_instance_id = a.nomination_process_instance_id
        where a.session_process_instance_id = ? order by a.ordinal""", sessionProcessInstanceId);
  }

  void settle(String sessionProcessInstanceId, String nominationProcessInstanceId, String state, String decisionId) {
    jdbc.update("update council_agenda set state = ?, decision_id = ?, updated_at = ? "
        + "where session_process_instance_id = ? and nomination_process_instance_id = ?", state, decisionId, now(),
        sessionProcessInstanceId, nominationProcessInstanceId);
  }

  private static String nameOf(DelegateExecution execution, String userId) {
    var context = Context.getCommandContext();
    var user = context.runWithoutAuthorization(() -> execution.getProcessEngineServices().getIdentityService()
        .createUserQuery().userId(userId).singleResult());
    return user == null ? null : (user.getFirstName() + " " + user.getLastName()).strip();
  }

  private static String text(Object value) {
    return value instanceof String s && !s.isBlank() ? s.strip() : null;
  }

  private Timestamp now() {
    return Timestamp.from(clock.now());
  }
}
