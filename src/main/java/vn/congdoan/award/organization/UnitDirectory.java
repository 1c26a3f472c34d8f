package vn.congdoan.award.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The unit hierarchy as it stood on a given day. Always ask with a day: units move and end (1 July 2025),
 * and a nomination keeps the parents of the day it was filed.
 */
@Service
public class UnitDirectory {

  private static final String COLUMNS =
      "code, name, kind, parent_code, block, decision_code, valid_from, valid_to";
  private static final String IN_FORCE = "valid_from <= ? and (valid_to is null or valid_to > ?)";

  private final JdbcTemplate jdbc;

  public UnitDirectory(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The version of the unit in force on the day, empty if the unit did not exist then. */
  public Optional<Unit> find(String code, LocalDate day) {
    return jdbc.query(
            "select " + COLUMNS + " from unit where code = ? and " + IN_FORCE
                + " order by valid_from desc",
            UnitDirectory::toUnit, code, day, day)
        .stream()
        .findFirst();
  }

  /**
   * The superior unit of a grassroots unit on the day; empty when the unit's parent is the province
   * (its nominations go straight to the province).
   *
   * @throws IllegalArgumentException if the unit was not in force on the day
   */
  public Optional<Unit> superiorOf(String grassrootsCode, LocalDate day) {
    Unit unit = require(grassrootsCode, day);
    if (unit.parentCode() == null) {
      return Optional.empty();
    }
    Unit parent = parentOf(unit, day);
    return parent.kind() == UnitKind.SUPERIOR ? Optional.of(parent) : Optional.empty();
  }

  /**
   * The province the unit belongs to on the day (the unit itself if it is the province).
   *
   * @throws IllegalArgumentException if the unit was not in force on the day
   * @throws IllegalStateException    if the hierarchy of that day does not end in a province
   */
  public Unit provinceOf(String code, LocalDate day) {
    Unit unit = require(code, day);
    // Three levels today; the bound only protects against a cycle in hand-edited data.
    for (int depth = 0; depth < 10; depth++) {
      if (unit.kind() == UnitKind.PROVINCE) {
        return unit;
      }
      if (unit.parentCode() == null) {
        throw new IllegalStateException(
            "Unit " + unit.code() + " has no parent on " + day + " and is not a province");
      }
      unit = parentOf(unit, day);
    }
    throw new IllegalStateException("The parents of unit " + code + " on " + day + " form a cycle");
  }

  /** Every unit in force on the day: the province first, then superior units, then grassroots units. */
  public List<Unit> inForce(LocalDate day) {
    return jdbc.query("select " + COLUMNS + " from unit where " + IN_FORCE, UnitDirectory::toUnit, day, day)
        .stream()
        .sorted(Comparator.comparing(Unit::kind).thenComparing(Unit::code))
        .toList();
  }

  /** Every version of every unit, ended ones too. */
  List<Unit> allVersions() {
    return jdbc.query("select " + COLUMNS + " from unit", UnitDirectory::toUnit);
  }

  private Unit require(String code, LocalDate day) {
    return find(code, day).orElseThrow(() -> new IllegalArgumentException(
        "Unit '" + code + "' is not in force on " + day));
  }

  private Unit parentOf(Unit unit, LocalDate day) {
    return find(unit.parentCode(), day).orElseThrow(() -> new IllegalStateException(
        "Parent " + unit.parentCode() + " of unit " + unit.code() + " is not in force on " + day));
  }

  private static Unit toUnit(ResultSet rs, int row) throws SQLException {
    return new Unit(
        rs.getString("code"),
        rs.getString("name"),
        UnitKind.valueOf(rs.getString("kind")),
        rs.getString("parent_code"),
        rs.getString("block"),
        rs.getString("decision_code"),
        rs.getObject("valid_from", LocalDate.class),
        rs.getObject("valid_to", LocalDate.class));
  }
}
