package vn.congdoan.award.organization;

/**
 * A role in a unit, as configured under {@code award.organization.roles}: its code is the suffix of the
 * unit's Camunda group ({@code <unitCode>-<code>}), it exists in units of one kind, and its Vietnamese
 * name names the groups. A new review level with a new role is configuration, not Java.
 */
public record Role(String code, UnitKind unitKind, String name) {
  /** The role whose members file nominations: its groups may start the process. */
  public static final String PREPARER = "preparer";
  /** The role that reads everything and changes nothing. */
  public static final String AUDITOR = "auditor";

  /** The Camunda group id of this role in a unit. */
  public String groupOf(String unitCode) {
    return unitCode + "-" + code;
  }
}
