package vn.congdoan.award.nomination;

import static vn.congdoan.award.nomination.NominationVariables.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import vn.congdoan.award.decision.AwardDecisions;
import vn.congdoan.award.decision.AwardDecisions.Awardee;
import vn.congdoan.award.decision.AwardDecisions.Decision;
import vn.congdoan.award.sequence.SequenceService;
import vn.congdoan.award.support.BusinessClock;

/**
 * Issues the award decision of the deciding body named by the field {@code bodyUnit} for this one nomination
 * ({@link AwardDecisions}: the next number of that body and year, {@code Số: N/QĐ-<body code>}, gap-free, see
 * {@link SequenceService}; the decision and its one-line list kept), the decision date, and the award money: the coefficient of DMN {@code award-money} times the base salary of DMN
 * {@code base-salary} in force on the decision date, rounded up to tens of thousands of VND.
 * A new instance per call, because the engine injects the field.
 */
@Component("issueDecision")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class IssueDecisionDelegate implements JavaDelegate {
  private static final BigDecimal ROUNDING_STEP = BigDecimal.valueOf(10_000);

  private final AwardDecisions decisions;
  private final NominationReadModel readModel;
  private final BusinessClock clock;
  private final String moneyDecision;
  private final String baseSalaryDecision;
  private Expression bodyUnit;

  public IssueDecisionDelegate(AwardDecisions decisions, NominationReadModel readModel, BusinessClock clock,
      @Value("${award.decision.money-decision:award-money}") String moneyDecision,
      @Value("${award.decision.base-salary-decision:base-salary}") String baseSalaryDecision) {
    this.decisions = decisions;
    this.readModel = readModel;
    this.clock = clock;
    this.moneyDecision = moneyDecision;
    this.baseSalaryDecision = baseSalaryDecision;
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
    long money = money(execution, day);
    Decision decision = decisions.issue(body, (String) execution.getVariable(AWARD_FORM),
        (String) execution.getVariable(ROUND), List.of(awardee(execution, money)));
    execution.setVariable(DECISION_NUMBER, decision.number());
    execution.setVariable(DECISION_DATE, day.toString());
    execution.setVariable(AWARD_MONEY, money);
    execution.setVariable("decisionId", decision.id());
    execution.setVariable("decisionBody", body);
    execution.setVariable("decisionBodyName", decision.bodyName());
    readModel.decided(execution.getProcessInstanceId(), body, decision.number(), day, money);
  }

  /** The nomination as its decision's list prints it. */
  static Awardee awardee(DelegateExecution execution, long money) {
    return new Awardee(execution.getProcessInstanceId(), (String) execution.getVariable(NOMINATION_CODE),
        (String) execution.getVariable(NOMINEE_KIND), (String) execution.getVariable(NOMINEE_NAME),
        (String) execution.getVariable(NOMINEE_POSITION), (String) execution.getVariable(GRASSROOTS_UNIT_NAME), money);
  }

  private long money(DelegateExecution execution, LocalDate day) {
    DecisionService decisions = execution.getProcessEngineServices().getDecisionService();
    Map<String, Object> input = Variables.createVariables()
        .putValue(AWARD_FORM, execution.getVariable(AWARD_FORM))
        .putValue(NOMINEE_KIND, execution.getVariable(NOMINEE_KIND))
        .putValue(DECISION_DATE, day);
    Number coefficient = Context.getCommandContext().runWithoutAuthorization(
        () -> decisions.evaluateDecisionTableByKey(moneyDecision, input).getSingleEntry());
    Number baseSalary = Context.getCommandContext().runWithoutAuthorization(
        () -> decisions.evaluateDecisionTableByKey(baseSalaryDecision, input).getSingleEntry());
    if (coefficient == null || baseSalary == null) {
      throw new IllegalStateException("No money rule for " + input);
    }
    return roundUpToTenThousands(new BigDecimal(coefficient.toString()).multiply(new BigDecimal(baseSalary.toString())));
  }

  static long roundUpToTenThousands(BigDecimal amount) {
    return amount.divide(ROUNDING_STEP, 0, RoundingMode.CEILING).multiply(ROUNDING_STEP).longValueExact();
  }
}
