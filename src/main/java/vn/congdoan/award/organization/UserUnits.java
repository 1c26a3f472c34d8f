package vn.congdoan.award.organization;

import java.util.List;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Service;

/** Which units a user acts for, read from the user's Camunda groups {@code <unit>-<role>}. */
@Service
public class UserUnits {

  private final ProcessEngineConfigurationImpl engine;
  private final Roles roles;

  public UserUnits(ProcessEngineConfigurationImpl engine, Roles roles) {
    this.roles = roles;
    this.engine = engine;
  }

  /**
   * The codes of the units in whose {@code <unit>-<role>} group the user is a member, sorted.
   *
   * @throws IllegalArgumentException if the role is not a role of docs/design.md
   */
  public List<String> unitsOf(String userId, String role) {
    String suffix = "-" + roles.fromCode(role).code();
    // Authorization checks are on, and an authenticated user may read only the groups they belong to. The
    // caller is often someone else (a reviewer's step looking up the preparer's unit): this is the system
    // reading the organisation, so it reads without the checks.
    List<Group> groups = engine.getCommandExecutorTxRequired().execute(ctx -> ctx.runWithoutAuthorization(
        () -> engine.getIdentityService().createGroupQuery().groupMember(userId).list()));
    return groups.stream()
        .map(Group::getId)
        .filter(id -> id.endsWith(suffix) && id.length() > suffix.length())
        .map(id -> id.substring(0, id.length() - suffix.length()))
        .sorted()
        .toList();
  }
}
