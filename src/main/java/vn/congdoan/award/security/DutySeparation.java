package vn.congdoan.award.security;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.congdoan.award.nomination.NominationVariables;
import vn.congdoan.award.organization.Role;
import vn.congdoan.award.organization.Roles;
import vn.congdoan.award.organization.UnitKind;
import vn.congdoan.award.support.Texts;

/**
 * Separation of duties on a nomination's task, for the user who would act on it (the one completing it,
 * or the new assignee however the task got one): the preparer does not approve, vet or decide their own
 * dossier; at the superior and provincial levels nobody acts on a nomination of their own grassroots unit;
 * nobody acts on a nomination of themselves; a reviewer who recused themselves from a step does not act on
 * it. Called from task events (see {@link GuardParseListener}), so it holds whatever API completed or
 * assigned the task. Refusals are authorization failures (403) with a Vietnamese message.
 */
public class DutySeparation {
  private static final Pattern SPACES = Pattern.compile("[\\p{Z}\\s\\u200B\\u2060\\uFEFF]+");
  private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Cc}]");

  private final Texts texts;
  private final Roles roles;
  private final JdbcTemplate jdbc;

  public DutySeparation(Texts texts, Roles roles, JdbcTemplate jdbc) {
    this.texts = texts;
    this.roles = roles;
    this.jdbc = jdbc;
  }

  public void check(DelegateTask task, String actor) {
    if (actor == null || task.getProcessInstanceId() == null || task.getExecution() == null) {
      return;
    }
    CommandContext context = Context.getCommandContext();
    var execution = task.getExecution();
    String step = task.getName() == null ? task.getTaskDefinitionKey() : task.getName();
    String preparer = (String) execution.getVariable(NominationVariables.PREPARER);
    String unit = (String) execution.getVariable(NominationVariables.GRASSROOTS_UNIT);

    if (actor.equals(preparer) && !isPreparersTask(task)) {
      refuse("separation.preparerApproves", step);
    }
    var auth = context.getAuthentication();
    List<String> groups = auth != null && actor.equals(auth.getUserId()) && auth.getGroupIds() != null
        ? auth.getGroupIds() // the acting user's own groups, as authenticated
        : context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration().getIdentityService()
            .createGroupQuery().groupMember(actor).list().stream().map(Group::getId).toList());
    if (unit != null && level(task) != UnitKind.GRASSROOTS && groups.stream().anyMatch(g -> g.startsWith(unit + "-"))) {
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

  /**
   * A person's name as compared: compatibility-normalised (NFKC: "ﬁ", full-width letters and precomposed or
   * decomposed diacritics compare equal), invisible format characters removed, every kind of Unicode space
   * collapsed to one, case folded.
   */
  static String comparableName(String name) {
    if (name == null) {
      return "";
    }
    String n = Normalizer.normalize(name, Normalizer.Form.NFKC);
    n = SPACES.matcher(n).replaceAll(" ");
    n = INVISIBLE.matcher(n).replaceAll("");
    return Normalizer.normalize(n.trim(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  /** The level of the units whose groups the task waits for: the lowest one among them. */
  private UnitKind level(DelegateTask task) {
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

  private static boolean isPreparersTask(DelegateTask task) {
    return task.getCandidates().stream()
        .anyMatch(link -> link.getGroupId() != null && link.getGroupId().endsWith("-" + Role.PREPARER));
  }

  /**
   * The user's name is the one an administrator recorded: users cannot edit their own name or e-mail (see
   * {@link EngineChangeGuard}), so a renamed profile cannot slip past this check.
   */
  private static boolean isNamed(CommandContext context, String userId, String nominee) {
    User user = context.runWithoutAuthorization(() -> context.getProcessEngineConfiguration().getIdentityService()
        .createUserQuery().userId(userId).singleResult());
    if (user == null) {
      return false;
    }
    String name = comparableName((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName()));
    return !name.isEmpty() && name.equals(comparableName(nominee));
  }

  private void refuse(String key, Object... args) {
    throw new Refusal(texts.get(key, args));
  }
}
