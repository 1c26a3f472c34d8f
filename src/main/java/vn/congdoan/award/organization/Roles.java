package vn.congdoan.award.organization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** The configured roles ({@code award.organization.roles.<code>.unit-kind / .name}). */
@Component
@ConfigurationProperties(prefix = "award.organization")
public class Roles {
  /** How a role is configured. */
  public static class Spec {
    private UnitKind unitKind;
    private String name;

    public UnitKind getUnitKind() {
      return unitKind;
    }

    public void setUnitKind(UnitKind unitKind) {
      this.unitKind = unitKind;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }
  }

  private final Map<String, Spec> roles = new LinkedHashMap<>();

  public Map<String, Spec> getRoles() {
    return roles;
  }

  public Role fromCode(String code) {
    Spec spec = roles.get(code);
    if (spec == null || spec.getUnitKind() == null) {
      throw new IllegalArgumentException("Unknown role '" + code + "'; the roles are " + codes());
    }
    return new Role(code, spec.getUnitKind(), spec.getName() == null ? code : spec.getName());
  }

  public List<Role> of(UnitKind kind) {
    return roles.keySet().stream().map(this::fromCode).filter(role -> role.unitKind() == kind).toList();
  }

  public List<String> codes() {
    return List.copyOf(roles.keySet());
  }
}
