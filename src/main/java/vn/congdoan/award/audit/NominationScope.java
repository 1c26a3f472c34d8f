package vn.congdoan.award.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;
import vn.congdoan.award.organization.Roles;

/**
 * Which nominations a user may see on the application's pages: those of every unit the user acts for in any
 * role (groups {@code <unit>-<role>}), matched against the nomination's own unit, its superior unit and its
 * province. So a grassroots preparer or chair sees the unit's own nominations, a superior unit's reviewer
 * those of its grassroots units, the province's roles (auditors included) all of the province; Camunda
 * administrators see all. No role names in Java: a new role or level is configuration.
 */
@Component
public class NominationScope {
  static final String ADMIN_GROUP = "camunda-admin";

  /** The units a user sees through, or everything. */
  public record Scope(boolean all, Set<String> units) {
    public boolean isEmpty() {
      return !all && units.isEmpty();
    }

    /** A SQL condition on {@code nomination} (alias {@code n}) and its parameters. */
    public String condition(List<Object> parameters) {
      if (all) {
        return "1 = 1";
      }
      if (units.isEmpty()) {
        return "1 = 0";
      }
      String marks = String.join(", ", units.stream().map(u -> "?").toList());
      for (int i = 0; i < 3; i++) {
        parameters.addAll(units);
      }
      return "(n.unit_code in (" + marks + ") or n.superior_unit_code in (" + marks + ") or n.province_unit_code in ("
          + marks + "))";
    }

    public boolean covers(String unit, String superiorUnit, String provinceUnit) {
      return all || units.contains(unit) || (superiorUnit != null && units.contains(superiorUnit))
          || units.contains(provinceUnit);
    }
  }

  private final IdentityService identity;
  private final ProcessEngineConfigurationImpl engine;
  private final Roles roles;

  public NominationScope(IdentityService identity, ProcessEngineConfigurationImpl engine, Roles roles) {
    this.identity = identity;
    this.engine = engine;
    this.roles = roles;
  }

  /** The scope of the user authenticated on this request (by the pages' authentication filter). */
  public Scope current() {
    Authentication auth = identity.getCurrentAuthentication();
    if (auth == null || auth.getUserId() == null) {
      return new Scope(false, Set.of());
    }
    List<String> groups = auth.getGroupIds() != null ? auth.getGroupIds()
        : engine.getCommandExecutorTxRequired().execute(ctx -> ctx.runWithoutAuthorization(
            () -> identity.createGroupQuery().groupMember(auth.getUserId()).list().stream().map(Group::getId).toList()));
    return of(groups);
  }

  Scope of(List<String> groups) {
    if (groups.contains(ADMIN_GROUP)) {
      return new Scope(true, Set.of());
    }
    Set<String> units = new TreeSet<>();
    List<String> suffixes = new ArrayList<>();
    for (String role : roles.codes()) {
      suffixes.add("-" + role);
    }
    for (String group : groups) {
      for (String suffix : suffixes) {
        if (group.endsWith(suffix) && group.length() > suffix.length()) {
          units.add(group.substring(0, group.length() - suffix.length()));
        }
      }
    }
    return new Scope(false, Set.copyOf(units));
  }
}
