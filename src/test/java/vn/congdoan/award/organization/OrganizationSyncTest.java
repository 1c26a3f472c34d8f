package vn.congdoan.award.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.authorization.Permissions.ACCESS;
import static org.camunda.bpm.engine.authorization.Permissions.CREATE_INSTANCE;
import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.FILTER;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest
@ActiveProfiles("test")
class OrganizationSyncTest {

  private static final LocalDate LAST_DAY_OF_DISTRICTS = LocalDate.of(2025, 6, 30);
  private static final LocalDate RESTRUCTURING = LocalDate.of(2025, 7, 1);

  @Autowired OrganizationLoader loader;
  @Autowired UnitDirectory directory;
  @Autowired UserUnits userUnits;
  @Autowired CandidateGroups groups;
  @Autowired IdentityService identity;
  @Autowired AuthorizationService authorizations;
  @Autowired FilterService filters;
  @Autowired JdbcTemplate jdbc;

  @Value("${award.organization.units}") Resource units;
  @Value("${award.organization.rounds}") Resource rounds;
  @Value("${award.organization.demo-users}") Resource demoUsers;

  /** The Spring context is shared with other test classes: put the shipped data back. */
  @AfterEach
  void restoreShippedData() {
    identity.clearAuthentication();
    loader.sync(units, rounds, demoUsers);
  }

  @Test
  void startupLoadsTheProvinceElevenSuperiorUnitsAndTheGrassrootsUnits() {
    assertThat(unitCodes("PROVINCE")).containsExactly("tinh");
    assertThat(unitCodes("SUPERIOR")).containsExactlyInAnyOrder("tp_laichau", "tamduong", "phongtho", "sinho",
        "muongte", "thanuyen", "tanuyen", "namnhun", "cdn_yte", "cdn_giaoduc", "cd_vienchuc");
    assertThat(unitCodes("GRASSROOTS")).hasSize(11).contains("cs_che_laichau", "cs_nuocsach", "cs_tra_thanuyen",
        "cs_vp_hdnd", "cs_vp_tinhuy", "cs_bvdk_tinh", "cs_cdc_tinh", "cs_thpt_lqd", "cs_thpt_tp",
        "cs_cty_dienluc", "cs_thcs_tamduong");
    assertThat(directory.find("cdn_yte", LocalDate.now())).hasValueSatisfying(unit -> {
      assertThat(unit.name()).isEqualTo("Công đoàn ngành Y tế");
      assertThat(unit.block()).isEqualTo("Khối Công đoàn ngành, Công đoàn Viên chức");
      assertThat(unit.decisionCode()).isEqualTo("CĐN");
    });
    assertThat(jdbc.queryForList("select code from award_round order by code", String.class))
        .containsExactly("2025-tong-ket", "2026-gvn-ddvn", "2026-tong-ket");
  }

  @Test
  void theDistrictFederationsAndCongDoanVienChucEndOnFirstJuly2025() {
    assertThat(directory.inForce(LAST_DAY_OF_DISTRICTS)).hasSize(1 + 11 + 11);
    assertThat(directory.inForce(RESTRUCTURING)).extracting(Unit::code)
        .contains("tinh", "cdn_yte", "cdn_giaoduc", "cs_che_laichau")
        .doesNotContain("tp_laichau", "thanuyen", "cd_vienchuc")
        .hasSize(1 + 2 + 11);
    assertThat(directory.find("thanuyen", RESTRUCTURING)).isEmpty();
  }

  @Test
  void superiorOfFollowsTheParentInForceOnTheDay() {
    assertThat(directory.superiorOf("cs_tra_thanuyen", LAST_DAY_OF_DISTRICTS)).map(Unit::code)
        .contains("thanuyen");
    assertThat(directory.superiorOf("cs_tra_thanuyen", RESTRUCTURING)).isEmpty();
    assertThat(directory.superiorOf("cs_bvdk_tinh", LocalDate.now())).map(Unit::code).contains("cdn_yte");
    assertThat(directory.superiorOf("cs_cty_dienluc", LAST_DAY_OF_DISTRICTS)).isEmpty();
    assertThat(directory.provinceOf("cs_tra_thanuyen", LAST_DAY_OF_DISTRICTS).code()).isEqualTo("tinh");
    assertThat(directory.provinceOf("cs_tra_thanuyen", RESTRUCTURING).code()).isEqualTo("tinh");
    assertThatThrownBy(() -> directory.superiorOf("cs_bvdk_tinh", LocalDate.of(2014, 12, 31)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cs_bvdk_tinh");
  }

  @Test
  void everyUnitGetsTheGroupsOfItsKindNamedInVietnamese() {
    assertThat(identity.createGroupQuery().groupType(OrganizationLoader.GROUP_TYPE).count())
        .isEqualTo(4 + 11 * 2 + 11 * 2);
    Group preparers = identity.createGroupQuery().groupId("cs_bvdk_tinh-preparer").singleResult();
    assertThat(preparers.getName()).isEqualTo("Cán bộ lập hồ sơ – CĐCS Bệnh viện Đa khoa tỉnh");
    assertThat(groupIds(identity.createGroupQuery().groupIdIn("cdn_yte-reviewer", "cdn_yte-head",
        "thanuyen-reviewer", "tinh-secretariat", "tinh-council", "tinh-standing", "tinh-auditor").list()))
        .hasSize(7);
    assertThat(identity.createGroupQuery().groupId("cs_bvdk_tinh-reviewer").count()).isZero();
  }

  @Test
  void demoUsersAreMembersOfExactlyTheirGroups() {
    assertThat(groupIds(identity.createGroupQuery().groupMember("thamdinh.yte").list()))
        .containsExactly("cdn_yte-reviewer");
    assertThat(identity.createUserQuery().userId("thamdinh.yte").singleResult().getEmail())
        .isEqualTo("thamdinh.yte@congdoan-laichau.example");
    assertThat(identity.checkPassword("thamdinh.yte", "demo")).isTrue();
    assertThat(identity.createUserQuery().count()).isEqualTo(18 + 1); // and the admin user
  }

  @Test
  void whatEveryRoleMayDoIsOneGlobalGrantAndAGroupsOldCopyIsRemovedAtTheNextSync() {
    var definitionsForAll = authorizations.createAuthorizationQuery()
        .authorizationType(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL)
        .resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION).resourceId("*").list();
    assertThat(definitionsForAll).hasSize(1).allMatch(a -> a.isPermissionGranted(
        org.camunda.bpm.engine.authorization.Permissions.READ));
    // no group of a reviewing role holds its own grant on every definition or instance any more
    assertThat(authorizations.createAuthorizationQuery().groupIdIn("cdn_yte-reviewer", "tinh-council", "cs_bvdk_tinh-preparer")
        .list()).noneMatch(a -> "*".equals(a.getResourceId())
            && (a.getResourceType() == org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION.resourceType()
                || a.getResourceType() == org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE.resourceType()));

    // a database from before: the group's own copy of reading every definition
    var old = authorizations.createNewAuthorization(org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT);
    old.setGroupId("cdn_yte-reviewer");
    old.setResource(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION);
    old.setResourceId("*");
    old.addPermission(org.camunda.bpm.engine.authorization.Permissions.READ);
    authorizations.saveAuthorization(old);
    assertThat(loader.sync(units, rounds, demoUsers).authorizations()).isEqualTo(1);
    assertThat(authorizations.createAuthorizationQuery().authorizationId(old.getId()).count()).isZero();
    // the auditors' wider grant on every definition is theirs and stays
    assertThat(authorizations.createAuthorizationQuery().groupIdIn("tinh-auditor")
        .resourceType(org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION).resourceId("*").list())
        .hasSize(1).allMatch(a -> a.isPermissionGranted(org.camunda.bpm.engine.authorization.Permissions.READ_HISTORY));
  }

  @Test
  void aSecondSyncChangesNothing() {
    Map<String, Long> before = counts();

    assertThat(loader.sync(units, rounds, demoUsers)).isEqualTo(OrganizationLoader.Changes.NONE);
    assertThat(counts()).isEqualTo(before);
  }

  @Test
  void aChangedFileRenamesTheUnitMovesTheRoundAndRemovesTheMembership() {
    OrganizationLoader.Changes changes = loader.sync(new ClassPathResource("data/units-renamed.yml"),
        new ClassPathResource("data/rounds-extended.yml"), new ClassPathResource("data/demo-users-changed.yml"));

    assertThat(changes.units()).isEqualTo(1);
    assertThat(changes.groups()).isEqualTo(2);
    assertThat(changes.memberships()).isEqualTo(1);
    assertThat(directory.find("cs_bvdk_tinh", LocalDate.now())).map(Unit::name)
        .contains("CĐCS Bệnh viện Đa khoa tỉnh Lai Châu");
    assertThat(identity.createGroupQuery().groupId("cs_bvdk_tinh-chair").singleResult().getName())
        .isEqualTo("Chủ tịch công đoàn cơ sở – CĐCS Bệnh viện Đa khoa tỉnh Lai Châu");
    assertThat(jdbc.queryForObject("select closes_on from award_round where code = '2026-tong-ket'",
        LocalDate.class)).isEqualTo(LocalDate.of(2027, 2, 15));
    assertThat(identity.createGroupQuery().groupMember("thamdinh.yte").count()).isZero();
    assertThat(userUnits.unitsOf("thamdinh.yte", "reviewer")).isEmpty();

    // Units, rounds and users the cut-down files leave out are kept, and the shipped files put it all back.
    assertThat(directory.find("cs_thpt_lqd", LocalDate.now())).isPresent();
    loader.sync(units, rounds, demoUsers);
    assertThat(directory.find("cs_bvdk_tinh", LocalDate.now())).map(Unit::name)
        .contains("CĐCS Bệnh viện Đa khoa tỉnh");
    assertThat(userUnits.unitsOf("thamdinh.yte", "reviewer")).containsExactly("cdn_yte");
  }

  @Test
  void syncRunsAsTheEngineWhileAUserIsAuthenticatedAndKeepsThatUserAuthenticated() {
    identity.setAuthentication("lap.bvdk", List.of("cs_bvdk_tinh-preparer"));
    try {
      OrganizationLoader.Changes changes = loader.sync(new ClassPathResource("data/units-renamed.yml"), rounds,
          new ClassPathResource("data/demo-users-changed.yml"));

      assertThat(changes.units()).isEqualTo(1);
      assertThat(changes.memberships()).isEqualTo(1);
      assertThat(identity.getCurrentAuthentication().getUserId()).isEqualTo("lap.bvdk");
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void userUnitsReadsTheUnitsOfAnotherUserEvenWhenTheCallerMayNotReadTheirGroups() {
    // A reviewer's step runs authenticated as the reviewer, who may read only the reviewer's own groups.
    identity.setAuthentication("thamdinh.yte", List.of("cdn_yte-reviewer"));
    try {
      assertThat(userUnits.unitsOf("lap.bvdk", "preparer")).containsExactly("cs_bvdk_tinh");
      assertThat(userUnits.unitsOf("lap.bvdk", "chair")).isEmpty();
    } finally {
      identity.clearAuthentication();
    }
    assertThatThrownBy(() -> userUnits.unitsOf("lap.bvdk", "mayor"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mayor");
  }

  @Test
  void candidateGroupsNamesTheGroupOfAUnitsRoleAndRefusesAMissingUnitOrAnUnknownRole() {
    assertThat(groups.of("cdn_yte", "reviewer")).isEqualTo("cdn_yte-reviewer");
    assertThatThrownBy(() -> groups.of(null, "reviewer"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reviewer");
    assertThatThrownBy(() -> groups.of(" ", "head")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> groups.of("cdn_yte", "approver"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("approver");
  }

  @Test
  void onlyPreparersMayStartANominationAndTheAuditorMayReadHistory() {
    assertThat(authorizations.isUserAuthorized("lap.bvdk", List.of("cs_bvdk_tinh-preparer"), CREATE_INSTANCE,
        PROCESS_DEFINITION, GroupAuthorizations.PROCESS_KEY)).isTrue();
    assertThat(authorizations.isUserAuthorized("chutich.bvdk", List.of("cs_bvdk_tinh-chair"), CREATE_INSTANCE,
        PROCESS_DEFINITION, GroupAuthorizations.PROCESS_KEY)).isFalse();
    assertThat(authorizations.isUserAuthorized("chutich.bvdk", List.of("cs_bvdk_tinh-chair"), ACCESS,
        APPLICATION, "tasklist")).isTrue();
    assertThat(authorizations.isUserAuthorized("kiemtra.tinh", List.of("tinh-auditor"), READ_HISTORY,
        PROCESS_DEFINITION, GroupAuthorizations.PROCESS_KEY)).isTrue();
    assertThat(authorizations.isUserAuthorized("thamdinh.yte", List.of("cdn_yte-reviewer"), READ_HISTORY,
        PROCESS_DEFINITION, GroupAuthorizations.PROCESS_KEY)).isFalse();
    assertThat(authorizations.isUserAuthorized("kiemtra.tinh", List.of("tinh-auditor"), ACCESS,
        APPLICATION, "cockpit")).isTrue();
  }

  @Test
  void everyUserSeesTheSharedTasklistFilters() {
    List<Filter> shared = filters.createFilterQuery().list();
    assertThat(shared).extracting(Filter::getName)
        .containsExactlyInAnyOrder("Việc được giao cho tôi", "Việc của đơn vị tôi", "Việc quá hạn");
    for (Filter filter : shared) {
      assertThat(filter.getOwner()).isNull();
      assertThat(authorizations.isUserAuthorized("lap.bvdk", List.of(), READ, FILTER, filter.getId()))
          .as(filter.getName()).isTrue();
    }
    Filter overdue = filters.createFilterQuery().filterName("Việc quá hạn").singleResult();
    TaskQueryImpl query = overdue.getQuery();
    assertThat(query.getExpressions()).containsEntry("taskCandidateGroupIn", "${currentUserGroups()}")
        .containsEntry("dueBefore", "${now()}");
    assertThat(query.isIncludeAssignedTasks()).isTrue();
  }

  private List<String> unitCodes(String kind) {
    return jdbc.queryForList("select distinct code from unit where kind = ?", String.class, kind);
  }

  private static List<String> groupIds(List<Group> groups) {
    return groups.stream().map(Group::getId).toList();
  }

  private Map<String, Long> counts() {
    return Map.of(
        "unit versions", jdbc.queryForObject("select count(*) from unit", Long.class),
        "rounds", jdbc.queryForObject("select count(*) from award_round", Long.class),
        "groups", identity.createGroupQuery().count(),
        "users", identity.createUserQuery().count(),
        "memberships", jdbc.queryForObject("select count(*) from ACT_ID_MEMBERSHIP", Long.class),
        "authorizations", authorizations.createAuthorizationQuery().count(),
        "filters", filters.createFilterQuery().count());
  }
}
