package vn.congdoan.award.nomination;

import static vn.congdoan.award.nomination.NominationVariables.*;

import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import vn.congdoan.award.decision.AwardDecisions;
import vn.congdoan.award.decision.AwardDecisions.Awardee;
import vn.congdoan.award.decision.AwardDecisions.Decision;
import vn.congdoan.award.decision.AwardMoney;
import vn.congdoan.award.sequence.SequenceService;
import vn.congdoan.award.support.BusinessClock;

/**
 * Issues the award decision of the deciding body named by the field {@code bodyUnit} for this one nomination
 * ({@link AwardDecisions}: the next number of that body and year, {@code Số: N/QĐ-<body code>}, gap-free, see
 * {@link SequenceService}; the decision and its one-line list kept), the decision date, and the award money
 * ({@link AwardMoney}). The provincial path decides in council sessions instead (process
 * {@code council-session}); this is the superior unit's decision and that of earlier process versions.
 * A new instance per call, because the engine injects the field.
 */
@Component("issueDecision")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class IssueDecisionDelegate implements JavaDelegate {
  private final AwardDecisions decisions;
  private final AwardMoney money;
  private final NominationReadModel readModel;
  private final BusinessClock clock;
  private Expression bodyUnit;

  public IssueDecisionDelegate(AwardDecisions decisions, AwardMoney money, NominationReadModel readModel,
      BusinessClock clock) {
    this.decisions = decisions;
    this.money = money;
    this.readModel = readModel;
    this.clock = clock;
  }

  public void setBodyUnit(Expression bodyUnit) {
    this.bodyUnit = bodyUnit;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (bodyUnit == null) {
      throw new IllegalStateException("issueDecision needs the field 'bodyUnit' in " + execution.getCurrentActivityId());
    }
    String body = String.valueOf(bodyUnit.getValue(execution));
    LocalDate day = clock.today();
    long amount = money.of((String) execution.getVariable(AWARD_FORM), (String) execution.getVariable(NOMINEE_KIND), day);
    Decision decision = decisions.issue(body, (String) execution.getVariable(AWARD_FORM),
        (String) execution.getVariable(ROUND), List.of(awardee(execution, amount)));
    execution.setVariable(DECISION_NUMBER, decision.number());
    execution.setVariable(DECISION_DATE, day.toString());
    execution.setVariable(AWARD_MONEY, amount);
    execution.setVariable(DECISION_ID, decision.id());
    execution.setVariable("decisionBody", body);
    execution.setVariable("decisionBodyName", decision.bodyName());
    readModel.decided(execution.getProcessInstanceId(), body, decision.number(), day, amount);
  }

  /** The nomination as its decision's list prints it. */
  static Awardee awardee(DelegateExecution execution, long money) {
    return new Awardee(execution.getProcessInstanceId(), (String) execution.getVariable(NOMINATION_CODE),
        (String) execution.getVariable(NOMINEE_KIND), (String) execution.getVariable(NOMINEE_NAME),
        (String) execution.getVariable(NOMINEE_POSITION), (String) execution.getVariable(GRASSROOTS_UNIT_NAME), money);
  }
}
