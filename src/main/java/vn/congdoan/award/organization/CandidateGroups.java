package vn.congdoan.award.organization;

import org.springframework.stereotype.Component;

/**
 * Builds candidate group ids in BPMN expressions: {@code ${groups.of(superiorUnit, 'reviewer')}}.
 * Fails loudly instead of producing a group nobody is in (e.g. "null-reviewer" when the process has no
 * superior unit), which would leave the task invisible to everyone.
 */
@Component("groups")
public class CandidateGroups {
  private final Roles roles;

  public CandidateGroups(Roles roles) {
    this.roles = roles;
  }

  /**
   * @return {@code unitCode + "-" + role}
   * @throws IllegalArgumentException if the unit code is empty or the role is not configured under award.organization.roles
   */
  public String of(String unitCode, String role) {
    if (unitCode == null || unitCode.isBlank()) {
      throw new IllegalArgumentException(
          "No unit for the candidate group of role '" + role + "': the unit variable is empty");
    }
    return roles.fromCode(role).groupOf(unitCode);
  }
}
