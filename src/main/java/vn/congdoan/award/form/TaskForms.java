package vn.congdoan.award.form;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/** Questions about a task's form that are answered by the model, without asking the engine's services. */
public final class TaskForms {
  private TaskForms() {}

  /**
   * Whether the task has a Camunda Form ({@code camunda:formRef}, or a {@code camunda-forms:} form key).
   * Asked first because looking up a form a task does not have fails inside the engine's transaction, and a
   * failed nested command marks the whole transaction for rollback even when the failure is caught.
   */
  public static boolean hasCamundaForm(DelegateTask task) {
    if (!(task instanceof TaskEntity entity) || entity.getTaskDefinition() == null) {
      return true; // cannot tell: let the lookup answer
    }
    FormDefinition form = entity.getTaskDefinition().getFormDefinition();
    if (form == null) {
      return false;
    }
    if (form.getCamundaFormDefinitionKey() != null) {
      return true;
    }
    Expression key = form.getFormKey();
    return key != null && key.getExpressionText() != null && key.getExpressionText().startsWith("camunda-forms:");
  }
}
