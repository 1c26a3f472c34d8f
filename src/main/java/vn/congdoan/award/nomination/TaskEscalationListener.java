package vn.congdoan.award.nomination;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import vn.congdoan.award.notification.Notifier;

/**
 * The escalation of a user task still open {@code award.mail.escalation.after-working-days} working days
 * after its due date (the second firing of {@link TaskDeadlineListener}; the listener
 * {@code ${taskEscalation}} of process versions deployed before): mailed to the heads of the next level up
 * (element property {@code mail.escalation}).
 */
@Component("taskEscalation")
public class TaskEscalationListener implements TaskListener {
  private final Notifier notifier;

  public TaskEscalationListener(Notifier notifier) {
    this.notifier = notifier;
  }

  @Override
  public void notify(DelegateTask task) {
    notifier.taskEvent(task, "escalation", "task-escalation:escalation", Map.of());
  }
}
