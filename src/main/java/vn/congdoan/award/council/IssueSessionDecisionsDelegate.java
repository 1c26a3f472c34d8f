package vn.congdoan.award.council;

import static vn.congdoan.award.nomination.NominationVariables.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;
import vn.congdoan.award.decision.AwardDecisions;
import vn.congdoan.award.decision.AwardDecisions.Awardee;
import vn.congdoan.award.decision.AwardDecisions.Decision;
import vn.congdoan.award.decision.AwardMoney;
import vn.congdoan.award.nomination.NominationReadModel;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.Texts;

/**
 * The end of a council session that the standing committee approved, in one transaction: for each award form
 * the body decides (the candidates' {@code deciding_level} is not {@code national}), in the catalogue's order,
 * one numbered decision listing every candidate of that form who passed the ballot and was not struck, with
 * the money of DMN {@code award-money}; then every candidate learns its outcome by the message
 * {@code councilSessionResult} ({@code councilOutcome}: {@code awarded} with the decision's number, date and
 * money, {@code national} for a form the national level decides, {@code ballotFailed}, or {@code rejected}
 * with the committee's reason) and the ballot's figures. A failure rolls it all back, numbers included.
 */
@Component("issueSessionDecisions")
public class IssueSessionDecisionsDelegate implements JavaDelegate {
  private static final List<String> FORM_ORDER = Texts.codes("award.form.");

  private final CouncilAgenda agenda;
  private final AwardDecisions decisions;
  private final AwardMoney money;
  private final NominationReadModel readModel;
  private final BusinessClock clock;

  public IssueSessionDecisionsDelegate(CouncilAgenda agenda, AwardDecisions decisions, AwardMoney money,
      NominationReadModel readModel, BusinessClock clock) {
    this.agenda = agenda;
    this.decisions = decisions;
    this.money = money;
    this.readModel = readModel;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution session) {
    String sessionId = session.getProcessInstanceId();
    String body = (String) session.getVariable("sessionBody");
    String round = (String) session.getVariable("sessionRound");
    String reason = (String) session.getVariable(CouncilAgenda.STANDING_REASON);
    LocalDate day = clock.today();
    List<Map<String, Object>> lines = agenda.lines(sessionId);

    Map<String, List<Map<String, Object>>> byForm = new LinkedHashMap<>();
    Map<String, Map<String, Object>> results = new LinkedHashMap<>();
    for (Map<String, Object> line : lines) {
      String pi = (String) line.get("nomination_process_instance_id");
      String state = (String) line.get("state");
      Map<String, Object> result = ballot(line);
      switch (state) {
        case "WITHDRAWN" -> { continue; }
        case "STRUCK" -> {
          result.put(COUNCIL_OUTCOME, "rejected");
          result.put(OUTCOME_REASON, reason);
          agenda.settle(sessionId, pi, "STRUCK", null);
        }
        case "VOTED" -> {
          if (!Boolean.TRUE.equals(line.get("ballot_passed"))) {
            result.put(COUNCIL_OUTCOME, "ballotFailed");
            agenda.settle(sessionId, pi, "FAILED", null);
          } else if ("national".equals(line.get("deciding_level"))) {
            result.put(COUNCIL_OUTCOME, "national");
            agenda.settle(sessionId, pi, "FORWARDED", null);
          } else {
            byForm.computeIfAbsent((String) line.get("award_form"), f -> new ArrayList<>()).add(line);
          }
        }
        default -> throw new IllegalStateException("Agenda line of " + line.get("nomination_code") + " is " + state
            + " at the session's decisions");
      }
      results.put(pi, result);
    }

    List<String> forms = new ArrayList<>(byForm.keySet());
    forms.sort(java.util.Comparator.comparingInt(f -> FORM_ORDER.indexOf(f) < 0 ? Integer.MAX_VALUE : FORM_ORDER.indexOf(f)));
    for (String form : forms) {
      List<Awardee> awardees = new ArrayList<>();
      for (Map<String, Object> line : byForm.get(form)) {
        String pi = (String) line.get("nomination_process_instance_id");
        Map<String, Object> n = agenda.of(pi);
        long amount = money.of(form, (String) line.get("nominee_kind"), day);
        awardees.add(new Awardee(pi, (String) line.get("nomination_code"), (String) n.get(NOMINEE_KIND),
            (String) n.get(NOMINEE_NAME), (String) n.get(NOMINEE_POSITION), (String) n.get(GRASSROOTS_UNIT_NAME), amount));
      }
      Decision decision = decisions.issue(body, form, round, awardees);
      for (Awardee a : awardees) {
        Map<String, Object> result = results.get(a.processInstanceId());
        result.put(COUNCIL_OUTCOME, "awarded");
        result.put(DECISION_NUMBER, decision.number());
        result.put(DECISION_DATE, day.toString());
        result.put(DECISION_ID, decision.id());
        result.put(AWARD_MONEY, a.money());
        result.put("decisionBody", body);
        result.put("decisionBodyName", decision.bodyName());
        readModel.decided(a.processInstanceId(), body, decision.number(), day, a.money());
        agenda.settle(sessionId, a.processInstanceId(), "DECIDED", decision.id());
      }
    }

    // the national level's forms go on together, on one dispatch (task forwardNational)
    List<String> national = new ArrayList<>();
    for (Map<String, Object> line : lines) {
      Map<String, Object> result = results.get((String) line.get("nomination_process_instance_id"));
      if (result != null && "national".equals(result.get(COUNCIL_OUTCOME))) {
        Map<String, Object> n = agenda.of((String) line.get("nomination_process_instance_id"));
        national.add(line.get("nomination_code") + " – " + n.get(NOMINEE_NAME) + " – " + n.get("awardFormName"));
      }
    }
    session.setVariable("sessionNationalCount", (long) national.size());
    session.setVariable("sessionNationalList", String.join("\n", national));

    var runtime = session.getProcessEngineServices().getRuntimeService();
    var context = Context.getCommandContext();
    for (Map.Entry<String, Map<String, Object>> e : results.entrySet()) {
      context.runWithoutAuthorization(() -> runtime.createMessageCorrelation(COUNCIL_RESULT_MESSAGE)
          .processInstanceId(e.getKey()).setVariables(e.getValue()).correlateWithResult());
    }
  }

  /** The ballot's figures as the nomination keeps them (the variables of the old per-nomination ballot). */
  private static Map<String, Object> ballot(Map<String, Object> line) {
    Map<String, Object> v = new HashMap<>();
    v.put(COUNCIL_MEMBERS, line.get("council_members"));
    v.put(COUNCIL_PRESENT, line.get("council_present"));
    v.put(COUNCIL_FOR, line.get("council_for"));
    v.put(COUNCIL_AGAINST, line.get("council_against"));
    v.put(COUNCIL_ABSTAIN, line.get("council_abstain"));
    v.put("ballotPassed", Boolean.TRUE.equals(line.get("ballot_passed")));
    return v;
  }
}
