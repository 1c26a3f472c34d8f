package vn.congdoan.award.form;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.AddCommentCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import vn.congdoan.award.support.Texts;

/**
 * What a user writes to a task before completing it follows the task's form too: a task variable set
 * through the REST API ({@code PUT /task/{id}/variables/{name}}, {@code POST /task/{id}/variables}, local or
 * not) gets the field rules of its form field (type, length, options, characters, dates; nothing is required
 * yet), and a comment the rules of a free text. Completion checks the whole form again
 * ({@code nomination.StepListener}); which fields a task takes at all is the security package's business.
 *
 * <p>First in the chain and without wrapping the command, so the guards after it see the engine's own
 * command; the task's form is read in a command of its own, as the system.
 */
public class StepValueGuard extends CommandInterceptor {
  private final ProcessEngineConfigurationImpl configuration;
  private final Supplier<FormValidator> validator;
  private final Texts texts;

  public StepValueGuard(ProcessEngineConfigurationImpl configuration, Supplier<FormValidator> validator, Texts texts) {
    this.configuration = configuration;
    this.validator = validator;
    this.texts = texts;
  }

  /** A write to a task: its variables, or a comment's text. */
  record Write(String taskId, Map<String, ?> variables, String comment) {}

  @Override
  public <T> T execute(Command<T> command) {
    Write write = writeOf(command);
    if (write != null) {
      List<String> errors = errors(write);
      if (!errors.isEmpty()) {
        throw new InputValidationException(texts.get("validation.title"), errors);
      }
    }
    return next.execute(command);
  }

  private List<String> errors(Write write) {
    List<String> errors = new ArrayList<>();
    if (write.comment() != null) {
      errors.addAll(validator.get().textErrors(texts.get("comment.label"), write.comment(),
          FormValidator.STORED_TEXT_LIMIT, true));
    }
    if (write.taskId() != null && write.variables() != null && !write.variables().isEmpty()) {
      FormSchema form = configuration.getCommandExecutorTxRequired()
          .execute(context -> FormSchema.ofTask(context, write.taskId()));
      if (form != null) {
        errors.addAll(validator.get().validateGiven(form, write.variables()));
      }
    }
    return errors;
  }

  static Write writeOf(Command<?> command) {
    if (command instanceof SetTaskVariablesCmd) {
      return new Write(read(command, AbstractVariableCmd.class, "entityId"),
          read(command, AbstractSetVariableCmd.class, "variables"), null);
    }
    if (command instanceof PatchTaskVariablesCmd) {
      return new Write(read(command, AbstractPatchVariablesCmd.class, "entityId"),
          read(command, AbstractPatchVariablesCmd.class, "variables"), null);
    }
    if (command instanceof AddCommentCmd) {
      return new Write(null, null, read(command, AddCommentCmd.class, "message"));
    }
    return null;
  }

  /** The engine's commands keep their arguments in protected fields, with no getter. */
  @SuppressWarnings("unchecked")
  private static <V> V read(Object command, Class<?> declaring, String name) {
    try {
      Field f = declaring.getDeclaredField(name);
      f.setAccessible(true);
      return (V) f.get(command);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Camunda's " + declaring.getSimpleName() + " has no field " + name, e);
    }
  }
}
