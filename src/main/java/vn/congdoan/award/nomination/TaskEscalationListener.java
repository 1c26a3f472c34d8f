package vn.congdoan.award.nomination;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import vn.congdoan.award.notification.Notifier;

/**
 * The second timeout listener of every user task ({@code ${taskEscalation}}, timer
 * {@code ${workingDays.escalationIn(N)}}): a task still open that many working days after its due date is
 * escalated by mail to the heads of the next level up (element property {@code mail.escalation}).
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
