package vn.congdoan.award.nomination;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import vn.congdoan.award.notification.Notifier;

/**
 * What happens when a user task's due date passes (the first firing of {@link TaskDeadlineListener}; the
 * listener {@code ${taskOverdue}} of process versions deployed before): the task is marked overdue (task variable, higher priority, read model) and its candidates get a reminder
 * (element property {@code mail.timeout}). The task itself stays open.
 */
@Component("taskOverdue")
public class TaskOverdueListener implements TaskListener {
  public static final String OVERDUE = "overdue";
  static final int OVERDUE_PRIORITY = 80;

  private final NominationReadModel readModel;
  private final Notifier notifier;

  public TaskOverdueListener(NominationReadModel readModel, Notifier notifier) {
    this.readModel = readModel;
    this.notifier = notifier;
  }

  @Override
  public void notify(DelegateTask task) {
    task.setVariableLocal(OVERDUE, true);
    if (task.getPriority() < OVERDUE_PRIORITY) {
      task.setPriority(OVERDUE_PRIORITY);
    }
    readModel.markOverdue(task.getProcessInstanceId(), task.getTaskDefinitionKey());
    notifier.taskEvent(task, "timeout", "task-overdue:candidates", java.util.Map.of());
  }
}
