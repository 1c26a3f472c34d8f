package vn.congdoan.award.security;

import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.congdoan.award.nomination.NominationVariables;
import vn.congdoan.award.organization.Role;
import vn.congdoan.award.organization.Roles;
import vn.congdoan.award.organization.UnitKind;
import vn.congdoan.award.support.Texts;

/**
 * Separation of duties on every claim, assignment, delegation and completion of a nomination's task,
 * through every API: the preparer does not approve, vet or decide their own dossier; at the superior and
 * provincial levels nobody acts on a nomination of their own grassroots unit; nobody acts on a nomination
 * of themselves (the nominee's name is the user's name); a reviewer who recused themselves from a step
 * does not act on it. Refusals are authorization failures (403) with a Vietnamese message.
 */
public class DutySeparationGuard extends CommandInterceptor {
  private final Texts texts;
  private final Roles roles;
  private final JdbcTemplate jdbc;

  public DutySeparationGuard(Texts texts, Roles roles, JdbcTemplate jdbc) {
    this.texts = texts;
    this.roles = roles;
    this.jdbc = jdbc;
  }

  /** Who would act on which task. {@code actor} null: the current user. */
  record Action(String taskId, String actor) {}

  @Override
  public <T> T execute(Command<T> command) {
    Action action = actionOf(command);
    if (action == null) {
      return next.execute(command);
    }
    return next.execute(context -> {
      check(context, action);
      return command.execute(context);
    });
  }

  private void check(CommandContext context, Action action) {
    Authentication auth = context.getAuthentication();
    String actor = action.actor() != null ? action.actor() : auth == null ? null : auth.getUserId();
    if (actor == null) {
      return; // the engine itself
    }
    TaskEntity task = context.getTaskManager().findTaskById(action.taskId());
    if (task == null || task.getProcessInstanceId() == null || task.getExecution() == null) {
      return;
    }
    var execution = task.getExecution();
    String step = task.getName() == null ? task.getTaskDefinitionKey() : task.getName();
    String preparer = (String) execution.getVariable(NominationVariables.PREPARER);
    String unit = (String) execution.getVariable(NominationVariables.GRASSROOTS_UNIT);
    UnitKind level = level(task);

    if (actor.equals(preparer) && !isPreparersTask(task)) {
      refuse("separation.preparerApproves", step);
    }
    List<String> groups = context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration()
        .getIdentityService().createGroupQuery().groupMember(actor).list().stream().map(Group::getId).toList());
    if (unit != null && level != UnitKind.GRASSROOTS && groups.stream().anyMatch(g -> g.startsWith(unit + "-"))) {
      refuse("separation.ownUnit", execution.getVariable(NominationVariables.GRASSROOTS_UNIT_NAME));
    }
    if (execution.getVariable(NominationVariables.NOMINEE_NAME) instanceof String nominee && isNamed(context, actor, nominee)) {
      refuse("separation.ownNomination");
    }
    Long recused = jdbc.queryForObject("select count(*) from nomination_review where process_instance_id = ? "
        + "and step = ? and actor = ? and outcome = 'recused'", Long.class,
        task.getProcessInstanceId(), task.getTaskDefinitionKey(), actor);
    if (recused != null && recused > 0) {
      refuse("separation.recused", step);
    }
  }

  /** The level of the units whose groups the task waits for: the lowest one among them. */
  private UnitKind level(TaskEntity task) {
    UnitKind level = UnitKind.PROVINCE;
    for (IdentityLink link : task.getCandidates()) {
      if (link.getGroupId() == null || link.getGroupId().lastIndexOf('-') < 0) {
        continue;
      }
      try {
        Role role = roles.fromCode(link.getGroupId().substring(link.getGroupId().lastIndexOf('-') + 1));
        if (role.unitKind().ordinal() > level.ordinal()) {
          level = role.unitKind();
        }
      } catch (IllegalArgumentException notAUnitRoleGroup) {
        // a group that is not "<unit>-<role>"
      }
    }
    return level;
  }

  private static boolean isPreparersTask(TaskEntity task) {
    return task.getCandidates().stream()
        .anyMatch(link -> link.getGroupId() != null && link.getGroupId().endsWith("-" + Role.PREPARER));
  }

  private static boolean isNamed(CommandContext context, String userId, String nominee) {
    User user = context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration().getIdentityService()
        .createUserQuery().userId(userId).singleResult());
    if (user == null) {
      return false;
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).trim().replaceAll("\\s+", " ");
    return !name.isEmpty() && name.toLowerCase(Locale.ROOT).equals(nominee.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
  }

  private void refuse(String key, Object... args) {
    throw new AuthorizationException(texts.get(key, args));
  }

  static Action actionOf(Command<?> command) {
    if (command instanceof CompleteTaskCmd) {
      return new Action(CommandFields.read(command, CompleteTaskCmd.class, "taskId"), null);
    }
    if (command instanceof SubmitTaskFormCmd) {
      return new Action(CommandFields.read(command, SubmitTaskFormCmd.class, "taskId"), null);
    }
    if (command instanceof ClaimTaskCmd) {
      String user = CommandFields.read(command, ClaimTaskCmd.class, "userId");
      return user == null ? null : new Action(CommandFields.read(command, ClaimTaskCmd.class, "taskId"), user); // null: unclaim
    }
    if (command instanceof AssignTaskCmd) {
      String user = CommandFields.read(command, AbstractAddIdentityLinkCmd.class, "userId");
      return user == null ? null : new Action(CommandFields.read(command, AbstractSetTaskPropertyCmd.class, "taskId"), user);
    }
    if (command instanceof DelegateTaskCmd) {
      return new Action(CommandFields.read(command, DelegateTaskCmd.class, "taskId"), CommandFields.read(command, DelegateTaskCmd.class, "userId"));
    }
    return null;
  }

}
