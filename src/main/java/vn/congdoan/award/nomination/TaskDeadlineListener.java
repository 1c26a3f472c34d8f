package vn.congdoan.award.nomination;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import vn.congdoan.award.rules.WorkingDays;
import vn.congdoan.award.support.BusinessClock;

/**
 * The timeout listener of every user task ({@code ${taskDeadline}}, one repeating timer
 * {@code ${workingDays.deadlines(N)}}): at the due date the task is marked overdue and its candidates are
 * reminded ({@link TaskOverdueListener}); a task still open at its escalation time is escalated to the heads
 * of the next level ({@link TaskEscalationListener}). Each happens once, in that order, however late or
 * often the timer fires: a first firing after the escalation time (a node down over both) does both; the
 * task's {@code overdue} and {@code escalated} marks stop a repeat. Process versions deployed before keep
 * their two listeners and two timers.
 */
@Component("taskDeadline")
public class TaskDeadlineListener implements TaskListener {
  static final String ESCALATED = "escalated";

  private final TaskOverdueListener overdue;
  private final TaskEscalationListener escalation;
  private final WorkingDays workingDays;
  private final BusinessClock clock;

  public TaskDeadlineListener(TaskOverdueListener overdue, TaskEscalationListener escalation,
      WorkingDays workingDays, BusinessClock clock) {
    this.overdue = overdue;
    this.escalation = escalation;
    this.workingDays = workingDays;
    this.clock = clock;
  }

  @Override
  public void notify(DelegateTask task) {
    boolean wasOverdue = Boolean.TRUE.equals(task.getVariableLocal(TaskOverdueListener.OVERDUE));
    if (!wasOverdue) {
      overdue.notify(task);
    }
    boolean escalationDue = wasOverdue || (task.getDueDate() != null
        && !clock.now().isBefore(workingDays.escalationAfter(task.getDueDate()).toInstant()));
    if (escalationDue && !Boolean.TRUE.equals(task.getVariableLocal(ESCALATED))) {
      escalation.notify(task);
      task.setVariableLocal(ESCALATED, true);
    }
  }
}
