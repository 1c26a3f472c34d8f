package vn.congdoan.award.nomination;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

/**
 * Records in the read model that the nomination entered a phase that is not a user task (for example
 * the public notice). The status comes from the field {@code status} in the BPMN. A new instance per
 * call: the engine injects the field into the bean, which a shared instance would make a race.
 */
@Component("markStatus")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class MarkStatusDelegate implements JavaDelegate {
  private final NominationReadModel readModel;
  /** Injected per call by the engine from the BPMN's camunda:field. */
  private Expression status;

  public MarkStatusDelegate(NominationReadModel readModel) {
    this.readModel = readModel;
  }

  public void setStatus(Expression status) {
    this.status = status;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String value = status == null ? "IN_REVIEW" : String.valueOf(status.getValue(execution));
    readModel.stepEntered(execution.getProcessInstanceId(), execution.getCurrentActivityId(),
        execution.getCurrentActivityName(), value, StepListener.decidingLevel(execution));
  }
}
