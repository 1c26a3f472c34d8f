package vn.congdoan.award.organization;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.congdoan.award.organization.OrganizationFiles.DemoUser;
import vn.congdoan.award.organization.OrganizationFiles.Round;
import vn.congdoan.award.organization.OrganizationFiles.Units;

/**
 * Makes the database agree with the organisation's data files at every startup: units and rounds in our
 * tables; groups, demo users, authorizations and Tasklist filters in Camunda. Running it again changes
 * nothing, so it is safe on every restart and on a database shared by several nodes.
 *
 * <p>It runs once all singletons exist (the engine has been built and has deployed, Flyway has migrated)
 * and before the context reports itself refreshed, so tests and the first request find the data.
 */
@Component
public class OrganizationLoader implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(OrganizationLoader.class);
  /** Camunda's group type for groups that receive tasks (the other is SYSTEM, e.g. camunda-admin). */
  static final String GROUP_TYPE = "WORKFLOW";

  /** How many rows or Camunda objects one run created, changed or removed, per kind. */
  public record Changes(int units, int rounds, int groups, int users, int memberships, int authorizations,
      int filters) {

    public static final Changes NONE = new Changes(0, 0, 0, 0, 0, 0, 0);
  }

  private final JdbcTemplate jdbc;
  private final UnitDirectory directory;
  private final IdentityService identity;
  private final GroupAuthorizations authorizations;
  private final TasklistFilters filters;
  private final TransactionTemplate transaction;
  private final Resource unitsFile;
  private final Resource roundsFile;
  private final Resource demoUsersFile;
  private final boolean demoEnabled;
  private final String demoPassword;
  private final Roles roles;

  public OrganizationLoader(JdbcTemplate jdbc, UnitDirectory directory, IdentityService identity,
      GroupAuthorizations authorizations, TasklistFilters filters, PlatformTransactionManager transactions,
      @Value("${award.organization.units}") Resource unitsFile,
      @Value("${award.organization.rounds}") Resource roundsFile,
      @Value("${award.organization.demo-users}") Resource demoUsersFile,
      @Value("${award.organization.demo-enabled:false}") boolean demoEnabled,
      @Value("${award.organization.demo-password:}") String demoPassword, Roles roles) {
    this.roles = roles;
    this.jdbc = jdbc;
    this.directory = directory;
    this.identity = identity;
    this.authorizations = authorizations;
    this.filters = filters;
    this.transaction = new TransactionTemplate(transactions);
    this.unitsFile = unitsFile;
    this.roundsFile = roundsFile;
    this.demoUsersFile = demoUsersFile;
    this.demoEnabled = demoEnabled;
    this.demoPassword = demoPassword;
  }

  @Override
  public void afterSingletonsInstantiated() {
    sync(unitsFile, roundsFile, demoEnabled ? demoUsersFile : null);
  }

  /**
   * Brings units, rounds, groups, authorizations, filters and (when {@code demoUsers} is given) the demo
   * users in line with the files, in one transaction. Units, groups and users missing from the files are
   * left alone: nominations in flight may still point at them.
   *
   * @param demoUsers null to leave users alone
   */
  public Changes sync(Resource units, Resource rounds, Resource demoUsers) {
    // Read and check every file before touching the database.
    Units unitData = OrganizationFiles.readUnits(units);
    List<Round> roundData = OrganizationFiles.readRounds(rounds);
    Map<String, Role> groupRoles = groupRoles(unitData);
    List<DemoUser> userData = demoUsers == null
        ? List.of()
        : OrganizationFiles.readDemoUsers(demoUsers, groupRoles.keySet());
    if (demoUsers != null && (demoPassword == null || demoPassword.isBlank())) {
      throw new IllegalStateException("award.organization.demo-password is empty: set it or turn demo users off");
    }

    // Run as the engine: with no current authentication the engine checks no authorizations.
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      Changes changes = transaction.execute(status -> new Changes(
          syncUnits(unitData),
          syncRounds(roundData),
          syncGroups(unitData),
          syncUsers(userData),
          syncMemberships(userData),
          syncAuthorizations(groupRoles),
          filters.ensure()));
      LOG.info("Organisation synchronised from {}: {} units, {} rounds, {} groups, {} users; changed: {}",
          units.getDescription(), unitData.latest().size(), roundData.size(), groupRoles.size(),
          userData.size(), changes);
      return changes;
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  private Map<String, Role> groupRoles(Units units) {
    Map<String, Role> groups = new HashMap<>();
    for (Unit unit : units.latest()) {
      roles.of(unit.kind()).forEach(role -> groups.put(role.groupOf(unit.code()), role));
    }
    return groups;
  }

  private int syncUnits(Units units) {
    Map<String, Unit> stored = directory.allVersions().stream()
        .collect(Collectors.toMap(OrganizationLoader::versionKey, Function.identity()));
    Set<String> codesInFile = units.versions().stream().map(Unit::code).collect(Collectors.toSet());
    Set<String> keysInFile = new HashSet<>();
    int changed = 0;
    for (Unit version : units.versions()) {
      keysInFile.add(versionKey(version));
      Unit old = stored.get(versionKey(version));
      if (old == null) {
        jdbc.update("insert into unit (name, kind, parent_code, block, decision_code, valid_to, code, valid_from)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?)", unitColumns(version));
        changed++;
      } else if (!old.equals(version)) {
        jdbc.update("update unit set name = ?, kind = ?, parent_code = ?, block = ?, decision_code = ?,"
            + " valid_to = ? where code = ? and valid_from = ?", unitColumns(version));
        changed++;
      }
    }
    // A version whose start date was corrected in the file would otherwise overlap the corrected one.
    for (Unit old : stored.values()) {
      if (codesInFile.contains(old.code()) && !keysInFile.contains(versionKey(old))) {
        jdbc.update("delete from unit where code = ? and valid_from = ?", old.code(), old.validFrom());
        changed++;
      }
    }
    return changed;
  }

  private static String versionKey(Unit unit) {
    return unit.code() + "@" + unit.validFrom();
  }

  private static Object[] unitColumns(Unit unit) {
    return new Object[] {unit.name(), unit.kind().name(), unit.parentCode(), unit.block(), unit.decisionCode(),
        unit.validTo(), unit.code(), unit.validFrom()};
  }

  private int syncRounds(List<Round> rounds) {
    Map<String, Round> stored = jdbc.query(
            "select code, name, kind, round_year, opens_on, closes_on from award_round",
            (rs, row) -> new Round(rs.getString("code"), rs.getString("name"), rs.getString("kind"),
                rs.getInt("round_year"), rs.getObject("opens_on", java.time.LocalDate.class),
                rs.getObject("closes_on", java.time.LocalDate.class)))
        .stream()
        .collect(Collectors.toMap(Round::code, Function.identity()));
    int changed = 0;
    for (Round round : rounds) {
      Round old = stored.get(round.code());
      Object[] columns = {round.name(), round.kind(), round.year(), round.opensOn(), round.closesOn(), round.code()};
      if (old == null) {
        jdbc.update("insert into award_round (name, kind, round_year, opens_on, closes_on, code)"
            + " values (?, ?, ?, ?, ?, ?)", columns);
        changed++;
      } else if (!old.equals(round)) {
        jdbc.update("update award_round set name = ?, kind = ?, round_year = ?, opens_on = ?, closes_on = ?"
            + " where code = ?", columns);
        changed++;
      }
    }
    return changed;
  }

  private int syncGroups(Units units) {
    Map<String, Group> stored = identity.createGroupQuery().list().stream()
        .collect(Collectors.toMap(Group::getId, Function.identity()));
    int changed = 0;
    for (Unit unit : units.latest()) {
      for (Role role : roles.of(unit.kind())) {
        String id = role.groupOf(unit.code());
        String name = role.name() + " – " + unit.name();
        Group group = stored.get(id);
        if (group == null) {
          group = identity.newGroup(id);
        } else if (name.equals(group.getName()) && GROUP_TYPE.equals(group.getType())) {
          continue;
        }
        group.setName(name);
        group.setType(GROUP_TYPE);
        identity.saveGroup(group);
        changed++;
      }
    }
    return changed;
  }

  private int syncUsers(List<DemoUser> users) {
    int changed = 0;
    for (DemoUser demo : users) {
      User user = identity.createUserQuery().userId(demo.id()).singleResult();
      if (user == null) {
        user = identity.newUser(demo.id());
        user.setPassword(demoPassword);
      } else if (Objects.equals(user.getFirstName(), demo.firstName())
          && Objects.equals(user.getLastName(), demo.lastName())
          && Objects.equals(user.getEmail(), demo.email())) {
        continue;
      }
      // An existing user keeps the password they may have changed.
      user.setFirstName(demo.firstName());
      user.setLastName(demo.lastName());
      user.setEmail(demo.email());
      identity.saveUser(user);
      changed++;
    }
    return changed;
  }

  private int syncMemberships(List<DemoUser> users) {
    int changed = 0;
    for (DemoUser demo : users) {
      Set<String> current = identity.createGroupQuery().groupMember(demo.id()).list().stream()
          .map(Group::getId)
          .collect(Collectors.toSet());
      for (String group : demo.groups()) {
        if (!current.contains(group)) {
          identity.createMembership(demo.id(), group);
          changed++;
        }
      }
      for (String group : current) {
        if (!demo.groups().contains(group)) {
          identity.deleteMembership(demo.id(), group);
          changed++;
        }
      }
    }
    return changed;
  }

  private int syncAuthorizations(Map<String, Role> groupRoles) {
    int changed = authorizations.grantEveryUser();
    for (Map.Entry<String, Role> group : groupRoles.entrySet()) {
      changed += authorizations.grant(group.getValue(), group.getKey());
    }
    return changed;
  }
}
