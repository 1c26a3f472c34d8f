package vn.congdoan.award.nomination;

import static vn.congdoan.award.nomination.NominationVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Attached to every end event by {@link NominationParseListener}: an end event with the element property
 * {@code outcome} finishes the nomination in the read model with that outcome and its reason (the
 * property {@code reason}, else the reason the last reviewer gave, else the withdrawal's reason).
 */
@Component
public class OutcomeListener implements ExecutionListener {
  private final NominationReadModel readModel;

  public OutcomeListener(NominationReadModel readModel) {
    this.readModel = readModel;
  }

  @Override
  public void notify(DelegateExecution execution) {
    var element = execution.getBpmnModelElementInstance();
    ModelProperties.get(element, ModelProperties.OUTCOME).ifPresent(outcome -> {
      String reason = ModelProperties.get(element, ModelProperties.REASON)
          .orElseGet(() -> reasonFrom(execution, "WITHDRAWN".equals(outcome) ? WITHDRAWAL_REASON : OUTCOME_REASON));
      readModel.ended(execution.getProcessInstanceId(), outcome, reason, execution.getCurrentActivityId(),
          execution.getCurrentActivityName());
    });
  }

  private static String reasonFrom(DelegateExecution execution, String variable) {
    return execution.getVariable(variable) instanceof String s ? s : null;
  }
}
