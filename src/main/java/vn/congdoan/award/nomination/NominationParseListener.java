package vn.congdoan.award.nomination;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import vn.congdoan.award.notification.Notifier;

/**
 * Gives every user task and end event of every deployed process the application's generic listeners, so
 * that a step an administrator adds in Modeler is validated, recorded and shown in the read model with
 * no Java change and nothing to remember in the model. The listeners are looked up when they run, not
 * when the process is parsed: they depend on engine services that do not exist yet at parse time.
 */
public class NominationParseListener extends AbstractBpmnParseListener {
  private final ObjectProvider<StepListener> stepListener;
  private final ObjectProvider<OutcomeListener> outcomeListener;
  private final ObjectProvider<Notifier> notifier;

  public NominationParseListener(ObjectProvider<StepListener> stepListener,
      ObjectProvider<OutcomeListener> outcomeListener, ObjectProvider<Notifier> notifier) {
    this.stepListener = stepListener;
    this.outcomeListener = outcomeListener;
    this.notifier = notifier;
  }

  @Override
  public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
    TaskListener listener = delegateTask -> stepListener.getObject().notify(delegateTask);
    task.addTaskListener(TaskListener.EVENTNAME_CREATE, listener);
    task.addTaskListener(TaskListener.EVENTNAME_COMPLETE, listener);
  }

  @Override
  public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    ExecutionListener listener = execution -> outcomeListener.getObject().notify(execution);
    activity.addListener(ExecutionListener.EVENTNAME_START, listener);
  }

  /** Every activity may ask for mails when it starts or ends: element properties mail.start / mail.end. */
  @Override
  public void parseRootElement(Element rootElement, java.util.List<ProcessDefinitionEntity> processDefinitions) {
    for (ProcessDefinitionEntity definition : processDefinitions) {
      addMailListeners(definition);
    }
  }

  private void addMailListeners(ScopeImpl scope) {
    for (ActivityImpl activity : scope.getActivities()) {
      ExecutionListener onStart = execution -> notifier.getObject().executionEvent(execution, "start");
      ExecutionListener onEnd = execution -> notifier.getObject().executionEvent(execution, "end");
      activity.addListener(ExecutionListener.EVENTNAME_START, onStart);
      activity.addListener(ExecutionListener.EVENTNAME_END, onEnd);
      addMailListeners(activity);
    }
  }
}
