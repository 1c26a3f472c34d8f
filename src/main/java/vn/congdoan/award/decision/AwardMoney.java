package vn.congdoan.award.decision;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The award money of one awardee: the coefficient of DMN {@code award-money} (by award form and nominee kind)
 * times the base salary of DMN {@code base-salary} in force on the decision date, rounded up to tens of
 * thousands of VND. Both tables are the administrators'; nothing of the amounts is in Java.
 */
@Component
public class AwardMoney {
  private static final BigDecimal ROUNDING_STEP = BigDecimal.valueOf(10_000);

  private final DecisionService decisions;
  private final String moneyDecision;
  private final String baseSalaryDecision;

  public AwardMoney(DecisionService decisions,
      @Value("${award.decision.money-decision:award-money}") String moneyDecision,
      @Value("${award.decision.base-salary-decision:base-salary}") String baseSalaryDecision) {
    this.decisions = decisions;
    this.moneyDecision = moneyDecision;
    this.baseSalaryDecision = baseSalaryDecision;
  }

  /** Inside a command (a delegate): the tables are read whatever the acting user may read. */
  public long of(String awardForm, String nomineeKind, LocalDate day) {
    Map<String, Object> input = Variables.createVariables()
        .putValue("awardForm", awardForm)
        .putValue("nomineeKind", nomineeKind)
        .putValue("decisionDate", day);
    var context = Context.getCommandContext();
    Number coefficient = context.runWithoutAuthorization(
        () -> decisions.evaluateDecisionTableByKey(moneyDecision, input).getSingleEntry());
    Number baseSalary = context.runWithoutAuthorization(
        () -> decisions.evaluateDecisionTableByKey(baseSalaryDecision, input).getSingleEntry());
    if (coefficient == null || baseSalary == null) {
      throw new IllegalStateException("No money rule for " + input);
    }
    return roundUpToTenThousands(new BigDecimal(coefficient.toString()).multiply(new BigDecimal(baseSalary.toString())));
  }

  public static long roundUpToTenThousands(BigDecimal amount) {
    return amount.divide(ROUNDING_STEP, 0, RoundingMode.CEILING).multiply(ROUNDING_STEP).longValueExact();
  }
}
