package vn.congdoan.award.security;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import vn.congdoan.award.form.FormSchema;
import vn.congdoan.award.form.TaskForms;

/**
 * Gives every process and user task the guard's built-in listeners (built-in: they run before the model's
 * own listeners and even when a caller asks to skip custom listeners): a task's completion and assignment,
 * and a process's start, are where {@link EngineChangeGuard} judges a user's command.
 */
class GuardParseListener extends AbstractBpmnParseListener {
  private final EngineChangeGuard guard;

  GuardParseListener(EngineChangeGuard guard) {
    this.guard = guard;
  }

  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
    ExecutionListener onStart = guard::processStarting;
    processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START, onStart);
  }

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, t -> guard.taskCompleting(t, formFields(t)));
    task.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, guard::taskAssigned);
  }

  /** The fields the task's Camunda Form edits, or null for a task without one (nothing to restrict it to). */
  private static Set<String> formFields(DelegateTask task) {
    FormSchema form = TaskForms.schemaOf(task);
    return form == null ? null : Set.copyOf(form.editableKeys());
  }
}
