package vn.congdoan.award.form;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.CamundaFormRefImpl;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;

/**
 * A task's Camunda Form, parsed once per form version: the task's {@code camunda:formRef} is resolved as the
 * engine resolves it (binding latest, deployment or version, through the deployment cache), and the parsed
 * form is kept by the id of that form definition, which never changes content. A step then reads its form
 * from memory, not from the database, however often it is checked.
 */
public final class TaskForms {
  private static final Map<String, FormSchema> PARSED = new ConcurrentHashMap<>();

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

  /** The task's Camunda Form, or null if it has none. Called inside a command (a task listener). */
  public static FormSchema schemaOf(DelegateTask task) {
    if (!hasCamundaForm(task)) {
      return null;
    }
    CommandContext context = Context.getCommandContext();
    CamundaFormDefinition definition = task instanceof TaskEntity entity ? definitionOf(context, entity) : null;
    if (definition == null) {
      return parse(context, task); // a camunda-forms: key: read as the engine serves it
    }
    return PARSED.computeIfAbsent(definition.getId(), id -> parse(context, task));
  }

  private static CamundaFormDefinition definitionOf(CommandContext context, TaskEntity task) {
    FormDefinition form = task.getTaskDefinition().getFormDefinition();
    if (form.getCamundaFormDefinitionKey() == null || form.getCamundaFormDefinitionBinding() == null) {
      return null;
    }
    Object key = form.getCamundaFormDefinitionKey().getValue(task);
    if (key == null) {
      return null;
    }
    CamundaFormRefImpl ref = new CamundaFormRefImpl(key.toString(), form.getCamundaFormDefinitionBinding());
    if ("version".equals(form.getCamundaFormDefinitionBinding()) && form.getCamundaFormDefinitionVersion() != null) {
      Object version = form.getCamundaFormDefinitionVersion().getValue(task);
      if (version != null) {
        ref.setVersion(Integer.parseInt(version.toString()));
      }
    }
    String deploymentId = task.getProcessDefinition() == null ? null : task.getProcessDefinition().getDeploymentId();
    return context.runWithoutAuthorization(new GetCamundaFormDefinitionCmd(ref, deploymentId));
  }

  private static FormSchema parse(CommandContext context, DelegateTask task) {
    var forms = task.getProcessEngineServices().getFormService();
    try (InputStream in = context.runWithoutAuthorization(() -> forms.getDeployedTaskForm(task.getId()))) {
      return FormSchema.parse(in);
    } catch (Exception noDeployedForm) {
      return null; // a task without a readable Camunda Form has no form rules to check
    }
  }
}
