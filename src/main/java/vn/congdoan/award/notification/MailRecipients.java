package vn.congdoan.award.notification;

import static vn.congdoan.award.nomination.NominationVariables.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.congdoan.award.organization.Role;
import vn.congdoan.award.organization.Roles;
import vn.congdoan.award.organization.UnitKind;

/**
 * Turns the recipient keywords of a {@code mail.<event>} property into people with an e-mail address.
 * Called inside the engine's command with authorization checks off (the acting reviewer may not read the
 * groups of others).
 */
@Component
public class MailRecipients {
  /** One person to mail. */
  public record Recipient(String userId, String email, String name) {}

  private final IdentityService identity;
  private final Roles roles;
  private final String escalationRoleForGrassroots;
  private final String escalationRoleAtProvince;

  public MailRecipients(IdentityService identity, Roles roles,
      @Value("${award.mail.escalation.superior-role:head}") String escalationRoleForGrassroots,
      @Value("${award.mail.escalation.province-role:standing}") String escalationRoleAtProvince) {
    this.identity = identity;
    this.roles = roles;
    this.escalationRoleForGrassroots = escalationRoleForGrassroots;
    this.escalationRoleAtProvince = escalationRoleAtProvince;
  }

  public List<Recipient> resolve(String keywords, VariableScope scope, DelegateTask task) {
    Map<String, Recipient> byUser = new LinkedHashMap<>();
    for (String raw : keywords.split(",")) {
      String keyword = raw.trim();
      if (keyword.isEmpty()) {
        continue;
      }
      for (String userId : users(keyword, scope, task)) {
        byUser.computeIfAbsent(userId, this::recipient);
      }
    }
    List<Recipient> recipients = new ArrayList<>();
    byUser.values().stream().filter(r -> r != null && r.email() != null && !r.email().isBlank()).forEach(recipients::add);
    return recipients;
  }

  private List<String> users(String keyword, VariableScope scope, DelegateTask task) {
    String grassroots = string(scope, GRASSROOTS_UNIT);
    String superior = string(scope, SUPERIOR_UNIT);
    String province = string(scope, PROVINCE_UNIT);
    return switch (keyword) {
      case "candidates" -> task == null ? List.of() : candidates(task);
      case "preparer" -> string(scope, PREPARER) == null ? List.of() : List.of(string(scope, PREPARER));
      case "chair" -> members(grassroots, "chair");
      case "superior" -> {
        List<String> users = new ArrayList<>(members(superior, "reviewer"));
        users.addAll(members(superior, "head"));
        yield users;
      }
      case "escalation" -> task == null ? List.of() : escalation(task, superior, province);
      default -> {
        if (keyword.startsWith("group:")) {
          String[] parts = keyword.split(":");
          yield parts.length == 3 ? members(string(scope, parts[1]), parts[2]) : List.of();
        }
        throw new IllegalArgumentException("Unknown mail recipient '" + keyword + "'");
      }
    };
  }

  private List<String> candidates(DelegateTask task) {
    List<String> users = new ArrayList<>();
    if (task.getAssignee() != null) {
      users.add(task.getAssignee());
    }
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
        if (link.getUserId() != null) {
          users.add(link.getUserId());
        } else if (link.getGroupId() != null) {
          users.addAll(membersOf(link.getGroupId()));
        }
      }
    }
    return users;
  }

  /** The heads of the level above the level whose group the task waits for. */
  private List<String> escalation(DelegateTask task, String superior, String province) {
    UnitKind level = UnitKind.PROVINCE;
    for (IdentityLink link : task.getCandidates()) {
      if (link.getGroupId() == null) {
        continue;
      }
      String role = link.getGroupId().substring(link.getGroupId().lastIndexOf('-') + 1);
      try {
        Role r = roles.fromCode(role);
        if (r.unitKind().ordinal() > level.ordinal()) { // the lowest level among the task's groups
          level = r.unitKind();
        }
      } catch (IllegalArgumentException notAUnitRole) {
        // a group that is not "<unit>-<role>"
      }
    }
    if (level == UnitKind.GRASSROOTS && superior != null) {
      return members(superior, escalationRoleForGrassroots);
    }
    return members(province, escalationRoleAtProvince);
  }

  private List<String> members(String unit, String role) {
    return unit == null ? List.of() : membersOf(unit + "-" + role);
  }

  private List<String> membersOf(String groupId) {
    return identity.createUserQuery().memberOfGroup(groupId).list().stream().map(User::getId).toList();
  }

  /** The user as a recipient (name as Camunda shows it), or null if there is no such user. */
  public Recipient recipient(String userId) {
    User user = identity.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return null;
    }
    // as Camunda shows it: first name (family and middle names) then last name (given name)
    String name = ((user.getFirstName() == null ? "" : user.getFirstName() + " ")
        + (user.getLastName() == null ? "" : user.getLastName())).trim();
    return new Recipient(user.getId(), user.getEmail(), name.isEmpty() ? user.getId() : name);
  }

  private static String string(VariableScope scope, String name) {
    return scope.getVariable(name) instanceof String s && !s.isBlank() ? s : null;
  }
}
