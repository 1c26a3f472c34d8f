package vn.congdoan.award.security;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.RestartProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.cmd.AbstractRemoveVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import vn.congdoan.award.form.FormSchema;
import vn.congdoan.award.form.InputValidationException;
import vn.congdoan.award.support.Texts;

/**
 * A user may give a task only the values its own form asks for: completing a step, submitting its form or
 * setting its variables with anything else (an outcome for a step that has none, a decision number, a
 * ballot sent to a vetting step, a changed unit) is refused with a Vietnamese message, through every API.
 * The engine itself (no authenticated user) and administrators ({@code camunda-admin}, who repair data in
 * Cockpit) are not restricted; a task without a Camunda Form is not restricted either.
 *
 * <p>The engine's command objects keep what they were given in protected fields; the guard reads them,
 * because no public API tells which variables a command is about to write.
 */
public class StepInputGuard extends CommandInterceptor {
  private static final String ADMINISTRATORS = "camunda-admin";

  private final Texts texts;

  public StepInputGuard(Texts texts) {
    this.texts = texts;
  }

  /** The task and the variable names a command writes or removes, or null for other commands. */
  record Submission(String taskId, Collection<String> names) {}

  /**
   * Commands that start an instance at a chosen activity or move a running one: they skip the steps, the
   * checks and the listeners of the path. Only the engine and administrators may use them.
   */
  private static final List<Class<?>> PATH_BYPASSES = List.of(StartProcessInstanceAtActivitiesCmd.class,
      ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class, ProcessInstanceModificationBatchCmd.class,
      RestartProcessInstancesCmd.class);

  @Override
  public <T> T execute(Command<T> command) {
    if (PATH_BYPASSES.stream().anyMatch(type -> type.isInstance(command))) {
      return next.execute(context -> {
        Authentication auth = context.getAuthentication();
        if (auth != null && auth.getUserId() != null
            && (auth.getGroupIds() == null || !auth.getGroupIds().contains(ADMINISTRATORS))) {
          throw new org.camunda.bpm.engine.AuthorizationException(texts.get("security.pathBypass"));
        }
        return command.execute(context);
      });
    }
    Submission submission = submissionOf(command);
    if (submission == null) {
      return next.execute(command);
    }
    return next.execute(new GuardedCommand<>(command, submission));
  }

  private final class GuardedCommand<T> implements Command<T> {
    private final Command<T> command;
    private final Submission submission;

    GuardedCommand(Command<T> command, Submission submission) {
      this.command = command;
      this.submission = submission;
    }

    @Override
    public T execute(CommandContext context) {
      check(context, submission);
      return command.execute(context);
    }
  }

  private void check(CommandContext context, Submission submission) {
    Authentication auth = context.getAuthentication();
    if (auth == null || auth.getUserId() == null
        || (auth.getGroupIds() != null && auth.getGroupIds().contains(ADMINISTRATORS))) {
      return;
    }
    TaskEntity task = context.getTaskManager().findTaskById(submission.taskId());
    if (task == null) {
      return; // the command itself reports a missing task
    }
    FormSchema form;
    try (InputStream in = context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration()
        .getFormService().getDeployedTaskForm(submission.taskId()))) {
      form = FormSchema.parse(in);
    } catch (Exception noCamundaForm) {
      return; // a task without a Camunda Form declares no fields
    }
    Set<String> allowed = Set.copyOf(form.editableKeys());
    Set<String> foreign = new TreeSet<>();
    for (String name : submission.names()) {
      if (!allowed.contains(name)) {
        foreign.add(name);
      }
    }
    if (!foreign.isEmpty()) {
      throw new InputValidationException(texts.get("validation.title"),
          List.of(texts.get("validation.foreignFields", task.getName(), String.join(", ", foreign))));
    }
  }

  static Submission submissionOf(Command<?> command) {
    if (command instanceof CompleteTaskCmd) {
      return new Submission(CommandFields.read(command, CompleteTaskCmd.class, "taskId"),
          keys(CommandFields.read(command, CompleteTaskCmd.class, "variables")));
    }
    if (command instanceof SubmitTaskFormCmd) {
      return new Submission(CommandFields.read(command, SubmitTaskFormCmd.class, "taskId"),
          keys(CommandFields.read(command, SubmitTaskFormCmd.class, "properties")));
    }
    if (command instanceof SetTaskVariablesCmd) {
      return new Submission(CommandFields.read(command, AbstractVariableCmd.class, "entityId"),
          keys(CommandFields.read(command, AbstractSetVariableCmd.class, "variables")));
    }
    if (command instanceof RemoveTaskVariablesCmd) {
      Collection<String> names = CommandFields.read(command, AbstractRemoveVariableCmd.class, "variableNames");
      return new Submission(CommandFields.read(command, AbstractVariableCmd.class, "entityId"), names == null ? List.of() : names);
    }
    if (command instanceof PatchTaskVariablesCmd) {
      List<String> names = new ArrayList<>(keys(CommandFields.read(command, AbstractPatchVariablesCmd.class, "variables")));
      Collection<String> deletions = CommandFields.read(command, AbstractPatchVariablesCmd.class, "deletions");
      if (deletions != null) {
        names.addAll(deletions);
      }
      return new Submission(CommandFields.read(command, AbstractPatchVariablesCmd.class, "entityId"), names);
    }
    return null;
  }

  private static Collection<String> keys(Object map) {
    return map instanceof Map<?, ?> m ? m.keySet().stream().map(String::valueOf).toList() : List.of();
  }

}
