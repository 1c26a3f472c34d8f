package vn.congdoan.award.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Evaluates the decision tables in {@code bpmn/} with a plain DMN engine configured like the process
 * engine's (feel-scala, no legacy FEEL, blank outputs not turned into null), so the tables administrators
 * edit in Modeler are exercised exactly as deployed. One flat class on purpose: surefire's
 * {@code -Dtest=DecisionTablesTest} does not select JUnit 5 {@code @Nested} classes.
 */
class DecisionTablesTest {

  private static final Path MODEL_DIR = Path.of("bpmn");
  private static final List<String> KEYS = List.of(
      "award-authority", "nomination-eligibility", "ballot-validation",
      "council-threshold", "award-money", "base-salary");

  private static DefaultDmnEngineConfiguration configuration;
  private static DmnEngine engine;

  @BeforeAll
  static void buildEngine() {
    // The process engine starts from the same default configuration and sets these two flags to its own
    // defaults (ProcessEngineConfigurationImpl: dmnFeelEnableLegacyBehavior = false,
    // dmnReturnBlankTableOutputAsNull = false); set them explicitly so a change of default shows up here.
    configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.enableFeelLegacyBehavior(false).setReturnBlankTableOutputAsNull(false);
    engine = configuration.buildEngine();
  }

  private static DmnDecision decision(String key) {
    try (InputStream in = Files.newInputStream(MODEL_DIR.resolve(key + ".dmn"))) {
      return engine.parseDecision(key, in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + key, e);
    }
  }

  private static DmnDecisionTableResult evaluate(String key, Map<String, Object> variables) {
    return engine.evaluateDecisionTable(decision(key), variables);
  }

  /** HashMap because Map.of rejects the null values some cases need. */
  private static Map<String, Object> vars(Object... keyValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  // ---------------------------------------------------------------- Engine

  @Test
  void usesScalaFeelWithoutLegacyBehaviourLikeTheProcessEngine() {
    assertThat(configuration.getFeelEngineFactory()).isInstanceOf(ScalaFeelEngineFactory.class);
    assertThat(configuration.isEnableFeelLegacyBehavior()).isFalse();
    assertThat(configuration.isReturnBlankTableOutputAsNull()).isFalse();
    // input expressions, input entries and output entries are all FEEL (feel-scala), none JUEL
    String feel = "http://www.omg.org/spec/FEEL/20140401";
    assertThat(configuration.getDefaultInputExpressionExpressionLanguage()).isEqualTo(feel);
    assertThat(configuration.getDefaultInputEntryExpressionLanguage()).isEqualTo(feel);
    assertThat(configuration.getDefaultOutputEntryExpressionLanguage()).isEqualTo(feel);
  }

  @Test
  void everyTableHasHistoryTimeToLiveADiagramShapeAndADescribedRule() throws IOException {
    for (String key : KEYS) {
      DmnModelInstance model = Dmn.readModelFromFile(MODEL_DIR.resolve(key + ".dmn").toFile());
      Decision decision = model.getModelElementById(key);
      assertThat(decision).as(key).isNotNull();
      assertThat(decision.getCamundaHistoryTimeToLiveString()).as(key).isEqualTo("3650");
      assertThat(Files.readString(MODEL_DIR.resolve(key + ".dmn")))
          .as(key).contains("dmnElementRef=\"" + key + "\"");
      DecisionTable table = (DecisionTable) decision.getExpression();
      for (Rule rule : table.getRules()) {
        assertThat(rule.getDescription()).as(key + " " + rule.getId()).isNotNull();
        assertThat(rule.getDescription().getTextContent()).as(key + " " + rule.getId()).isNotBlank();
      }
    }
  }

  @Test
  void hitPoliciesAreTheContractualOnes() throws IOException {
    Map<String, HitPolicy> expected = Map.of(
        "award-authority", HitPolicy.UNIQUE, "nomination-eligibility", HitPolicy.COLLECT,
        "ballot-validation", HitPolicy.COLLECT, "council-threshold", HitPolicy.UNIQUE,
        "award-money", HitPolicy.UNIQUE, "base-salary", HitPolicy.UNIQUE);
    for (Map.Entry<String, HitPolicy> e : expected.entrySet()) {
      DmnModelInstance model = Dmn.readModelFromFile(MODEL_DIR.resolve(e.getKey() + ".dmn").toFile());
      ModelElementInstance decision = model.getModelElementById(e.getKey());
      DecisionTable table = (DecisionTable) ((Decision) decision).getExpression();
      assertThat(table.getHitPolicy()).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  // ---------------------------------------------------------------- AwardAuthority

  private Map<String, Object> authority(String awardForm, Boolean hasSuperior) {
    return evaluate("award-authority", vars("awardForm", awardForm, "hasSuperior", hasSuperior))
        .getSingleResult().getEntryMap();
  }

  @ParameterizedTest(name = "{0}, hasSuperior={1} → {2}, {3} ngày, {4}")
  @CsvSource(delimiter = '|', textBlock = """
      giay-khen       | true  | superior | 0  | Giấy khen của công đoàn cấp trên trực tiếp cơ sở
      giay-khen       | false | province | 0  | Giấy khen của công đoàn cấp trên trực tiếp cơ sở
      bang-khen-tinh  | true  | province | 5  | Bằng khen của Liên đoàn Lao động tỉnh
      bang-khen-tinh  | false | province | 5  | Bằng khen của Liên đoàn Lao động tỉnh
      co-thi-dua-tinh | true  | province | 5  | Cờ thi đua của Liên đoàn Lao động tỉnh
      co-thi-dua-tinh | false | province | 5  | Cờ thi đua của Liên đoàn Lao động tỉnh
      bang-khen-tld   | true  | national | 10 | Bằng khen của Tổng Liên đoàn Lao động Việt Nam
      bang-khen-tld   | false | national | 10 | Bằng khen của Tổng Liên đoàn Lao động Việt Nam
      co-thi-dua-tld  | true  | national | 10 | Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam
      co-thi-dua-tld  | false | national | 10 | Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam
      bang-ldst       | true  | national | 10 | Bằng Lao động sáng tạo
      bang-ldst       | false | national | 10 | Bằng Lao động sáng tạo
      """)
  void eachAwardFormHasItsDecidingLevelNoticePeriodAndVietnameseName(
      String awardForm, boolean hasSuperior, String level, int days, String name) {
    Map<String, Object> result = authority(awardForm, hasSuperior);

    assertThat(result).containsEntry("decidingLevel", level)
        .containsEntry("publicNoticeDays", days) // Integer, as the BPMN's ${authority.publicNoticeDays > 0} reads it
        .containsEntry("awardFormName", name);
  }

  @Test
  void anUnknownAwardFormHasNoAuthority() {
    assertThat(evaluate("award-authority", vars("awardForm", "huan-chuong", "hasSuperior", true))).isEmpty();
  }

  // ---------------------------------------------------------------- NominationEligibility

  private Map<String, Object> cleanIndividualBangKhenTinh() {
    return vars("nomineeKind", "individual", "awardForm", "bang-khen-tinh", "holdsLeadershipPost", false,
        "initiativeCount", 0L, "initiativeBenefit", 0L,
        "meetingMembers", 25L, "meetingPresent", 20L, "meetingFor", 18L, "meetingAgainst", 2L, "meetingAbstain", 0L);
  }

  private List<String> violations(Map<String, Object> dossier) {
    return evaluate("nomination-eligibility", dossier).collectEntries("violation");
  }

  private List<String> violations(Map<String, Object> dossier, Object... changes) {
    Map<String, Object> changed = new HashMap<>(dossier);
    changed.putAll(vars(changes));
    return violations(changed);
  }

  @Test
  void aCompleteDossierHasNoViolation() {
    assertThat(violations(cleanIndividualBangKhenTinh())).isEmpty();
  }

  @Test
  void aCollectiveMayReceiveEitherFlag() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "nomineeKind", "collective", "awardForm", "co-thi-dua-tinh"))
        .isEmpty();
    assertThat(violations(cleanIndividualBangKhenTinh(), "nomineeKind", "collective", "awardForm", "co-thi-dua-tld"))
        .isEmpty();
  }

  @Test
  void theProvincialFlagIsForCollectivesOnly() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "awardForm", "co-thi-dua-tinh"))
        .containsExactly("Cờ thi đua của Liên đoàn Lao động tỉnh chỉ xét tặng cho tập thể.");
  }

  @Test
  void theNationalFlagIsForCollectivesOnly() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "awardForm", "co-thi-dua-tld"))
        .containsExactly("Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam chỉ xét tặng cho tập thể.");
  }

  @Test
  void aFlagWithoutNomineeKindIsFlaggedAsCollectiveOnly() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "nomineeKind", null, "awardForm", "co-thi-dua-tinh"))
        .containsExactly("Cờ thi đua của Liên đoàn Lao động tỉnh chỉ xét tặng cho tập thể.");
  }

  @Test
  void theCreativeLabourAwardIsForIndividualsOnly() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "nomineeKind", "collective", "awardForm", "bang-ldst",
        "initiativeCount", 1L, "initiativeBenefit", 80_000_000L))
        .containsExactly("Bằng Lao động sáng tạo chỉ xét tặng cho cá nhân.");
  }

  @Test
  void theCreativeLabourAwardNeedsAnInitiativeAndAMissingCountMeansNone() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "awardForm", "bang-ldst",
        "initiativeCount", null, "initiativeBenefit", null))
        .containsExactly("Bằng Lao động sáng tạo cần có ít nhất một sáng kiến.");
  }

  @Test
  void oneInitiativeWorthExactlyEightyMillionQualifies() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "awardForm", "bang-ldst",
        "initiativeCount", 1L, "initiativeBenefit", 80_000_000L)).isEmpty();
  }

  @Test
  void oneInitiativeWorthJustUnderEightyMillionDoesNotQualify() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "awardForm", "bang-ldst",
        "initiativeCount", 1L, "initiativeBenefit", 79_999_999L))
        .containsExactly("Bằng Lao động sáng tạo: sáng kiến phải có giá trị làm lợi từ 80.000.000 đồng trở lên.");
  }

  @Test
  void severalInitiativesWorthExactlyOneHundredTwentyMillionQualify() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "awardForm", "bang-ldst",
        "initiativeCount", 3L, "initiativeBenefit", 120_000_000L)).isEmpty();
  }

  @Test
  void severalInitiativesWorthJustUnderOneHundredTwentyMillionDoNotQualify() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "awardForm", "bang-ldst",
        "initiativeCount", 2L, "initiativeBenefit", 119_999_999L))
        .containsExactly(
            "Bằng Lao động sáng tạo: tổng giá trị làm lợi của các sáng kiến phải từ 120.000.000 đồng trở lên.");
  }

  @Test
  void initiativeValuesDoNotMatterForOtherAwardForms() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "initiativeCount", 1L, "initiativeBenefit", 1L)).isEmpty();
  }

  @Test
  void aMeetingWithoutMembersIsRejected() {
    assertThat(violations(cleanIndividualBangKhenTinh(),
        "meetingMembers", 0L, "meetingPresent", 0L, "meetingFor", 0L, "meetingAgainst", 0L))
        .containsExactlyInAnyOrder(
            "Biên bản họp xét: tổng số thành viên phải từ 1 người trở lên.",
            "Biên bản họp xét: số người có mặt phải từ 1 người trở lên.",
            "Cuộc họp xét chưa được quá một nửa số người có mặt đồng ý.");
  }

  @Test
  void aMeetingWithNobodyPresentIsRejected() {
    assertThat(violations(cleanIndividualBangKhenTinh(),
        "meetingPresent", 0L, "meetingFor", 0L, "meetingAgainst", 0L))
        .containsExactlyInAnyOrder(
            "Biên bản họp xét: số người có mặt phải từ 1 người trở lên.",
            "Cuộc họp xét chưa được quá một nửa số người có mặt đồng ý.");
  }

  @Test
  void aMeetingWithMoreAttendeesThanMembersIsRejected() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "meetingMembers", 19L))
        .containsExactly("Biên bản họp xét: số người có mặt không được lớn hơn tổng số thành viên.");
  }

  @Test
  void aMeetingWithAllMembersPresentIsAccepted() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "meetingMembers", 20L)).isEmpty();
  }

  @Test
  void aMeetingWithMoreVotesThanAttendeesIsRejected() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "meetingFor", 18L, "meetingAgainst", 3L))
        .containsExactly("Biên bản họp xét: số đồng ý (18), không đồng ý (3) và không biểu quyết (0) cộng lại "
            + "phải bằng số người có mặt (20).");
  }

  @Test
  void aMeetingWhoseCountsDoNotReachThosePresentIsRejected() {
    // 38 present, 20 for, 2 against: sixteen people are missing from the minutes
    assertThat(violations(cleanIndividualBangKhenTinh(), "meetingMembers", 40L, "meetingPresent", 38L,
        "meetingFor", 20L, "meetingAgainst", 2L))
        .containsExactly("Biên bản họp xét: số đồng ý (20), không đồng ý (2) và không biểu quyết (0) cộng lại "
            + "phải bằng số người có mặt (38).");
  }

  @Test
  void abstentionsMakeTheMeetingCountsAddUp() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "meetingMembers", 40L, "meetingPresent", 38L,
        "meetingFor", 20L, "meetingAgainst", 2L, "meetingAbstain", 16L)).isEmpty();
    assertThat(violations(cleanIndividualBangKhenTinh(), "meetingFor", 18L, "meetingAgainst", 1L, "meetingAbstain", 1L))
        .isEmpty();
  }

  @Test
  void missingAbstentionsCountAsNone() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "meetingAbstain", null)).isEmpty();
    assertThat(violations(cleanIndividualBangKhenTinh(), "meetingAgainst", 1L, "meetingAbstain", null))
        .containsExactly("Biên bản họp xét: số đồng ý (18), không đồng ý (1) và không biểu quyết (0) cộng lại "
            + "phải bằng số người có mặt (20).");
  }

  @Test
  void aMeetingWhereEveryAttendeeVotedIsAccepted() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "meetingFor", 18L, "meetingAgainst", 2L)).isEmpty();
  }

  @Test
  void exactlyHalfOfThosePresentIsNotAMajority() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "meetingFor", 10L, "meetingAgainst", 10L))
        .containsExactly("Cuộc họp xét chưa được quá một nửa số người có mặt đồng ý.");
  }

  @Test
  void oneVoteOverHalfOfThosePresentIsAMajority() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "meetingFor", 11L, "meetingAgainst", 9L)).isEmpty();
    assertThat(violations(cleanIndividualBangKhenTinh(), "meetingPresent", 21L, "meetingFor", 11L,
        "meetingAgainst", 10L)).isEmpty();
  }

  @Test
  void missingAgainstVotesCountAsNone() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "meetingAgainst", null)).isEmpty();
  }

  @Test
  void missingMeetingCountsAreReportedAsMissingMembersAndAttendees() {
    assertThat(violations(cleanIndividualBangKhenTinh(),
        "meetingMembers", null, "meetingPresent", null, "meetingFor", null, "meetingAgainst", null))
        .containsExactlyInAnyOrder(
            "Biên bản họp xét: tổng số thành viên phải từ 1 người trở lên.",
            "Biên bản họp xét: số người có mặt phải từ 1 người trở lên.");
  }

  @Test
  void missingForVotesCountAsNoneAndFailTheMajority() {
    assertThat(violations(cleanIndividualBangKhenTinh(), "meetingFor", null))
        .containsExactly("Cuộc họp xét chưa được quá một nửa số người có mặt đồng ý.");
  }

  @Test
  void integerMeetingCountsAreAcceptedLikeLongs() {
    assertThat(violations(cleanIndividualBangKhenTinh(),
        "meetingMembers", 25, "meetingPresent", 20, "meetingFor", 17, "meetingAgainst", 2, "meetingAbstain", 1))
        .isEmpty();
  }

  @Test
  void severalEligibilityViolationsAreAllListed() {
    assertThat(violations(vars("nomineeKind", "collective", "awardForm", "bang-ldst",
        "holdsLeadershipPost", false, "initiativeCount", 0L, "initiativeBenefit", 0L,
        "meetingMembers", 5L, "meetingPresent", 6L, "meetingFor", 3L, "meetingAgainst", 4L)))
        .containsExactlyInAnyOrder(
            "Bằng Lao động sáng tạo chỉ xét tặng cho cá nhân.",
            "Bằng Lao động sáng tạo cần có ít nhất một sáng kiến.",
            "Biên bản họp xét: số người có mặt không được lớn hơn tổng số thành viên.",
            "Biên bản họp xét: số đồng ý (3), không đồng ý (4) và không biểu quyết (0) cộng lại "
                + "phải bằng số người có mặt (6).",
            "Cuộc họp xét chưa được quá một nửa số người có mặt đồng ý.");
  }

  // ---------------------------------------------------------------- BallotValidation

  private List<String> ballotViolations(Object members, Object present, Object forVotes, Object against,
      Object abstain) {
    return evaluate("ballot-validation", vars("councilMembers", members, "councilPresent", present,
        "councilFor", forVotes, "councilAgainst", against, "councilAbstain", abstain)).collectEntries("violation");
  }

  @Test
  void consistentBallotCountsHaveNoViolation() {
    assertThat(ballotViolations(15L, 13L, 12L, 1L, 0L)).isEmpty();
    assertThat(ballotViolations(15L, 15L, 8L, 7L, 0L)).isEmpty();
    assertThat(ballotViolations(15L, 14L, 10L, 1L, 3L)).isEmpty();
  }

  @Test
  void aCouncilWithoutMembersIsRejected() {
    assertThat(ballotViolations(0L, 0L, 0L, 0L, 0L)).containsExactlyInAnyOrder(
        "Tổng số thành viên Hội đồng phải từ 1 người trở lên.",
        "Số thành viên Hội đồng có mặt phải từ 1 người trở lên.");
  }

  @Test
  void aBallotWithNobodyPresentIsRejected() {
    assertThat(ballotViolations(15L, 0L, 0L, 0L, 0L))
        .containsExactly("Số thành viên Hội đồng có mặt phải từ 1 người trở lên.");
  }

  @Test
  void aBallotWithMoreAttendeesThanMembersIsRejected() {
    assertThat(ballotViolations(15L, 16L, 10L, 1L, 5L))
        .containsExactly("Số thành viên Hội đồng có mặt không được lớn hơn tổng số thành viên Hội đồng.");
  }

  @Test
  void aBallotWithMoreVotesThanAttendeesIsRejected() {
    assertThat(ballotViolations(15L, 13L, 12L, 2L, 0L)).containsExactly("Số phiếu đồng ý (12), không đồng ý (2) "
        + "và không biểu quyết (0) cộng lại phải bằng số thành viên Hội đồng có mặt (13).");
  }

  @Test
  void aBallotWhoseVotesDoNotReachThosePresentIsRejected() {
    assertThat(ballotViolations(15L, 13L, 10L, 1L, 0L)).containsExactly("Số phiếu đồng ý (10), không đồng ý (1) "
        + "và không biểu quyết (0) cộng lại phải bằng số thành viên Hội đồng có mặt (13).");
  }

  @Test
  void eachMissingBallotCountIsReportedOnceAndNothingElse() {
    assertThat(ballotViolations(null, 13L, 12L, 1L, 0L)).containsExactly("Chưa nhập tổng số thành viên Hội đồng.");
    assertThat(ballotViolations(15L, null, 12L, 1L, 0L)).containsExactly("Chưa nhập số thành viên Hội đồng có mặt.");
    assertThat(ballotViolations(15L, 13L, null, 1L, 0L)).containsExactly("Chưa nhập số phiếu đồng ý.");
    assertThat(ballotViolations(15L, 13L, 12L, null, 0L)).containsExactly("Chưa nhập số phiếu không đồng ý.");
    assertThat(ballotViolations(15L, 13L, 12L, 1L, null)).containsExactly("Chưa nhập số phiếu không biểu quyết.");
  }

  // ---------------------------------------------------------------- CouncilThreshold

  private Object ballotPassed(String awardForm, long members, long present, long forVotes) {
    DmnDecisionTableResult result = evaluate("council-threshold", vars("awardForm", awardForm,
        "councilMembers", members, "councilPresent", present, "councilFor", forVotes));
    return result.getSingleEntry();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bang-khen-tld", "co-thi-dua-tld", "bang-ldst"})
  void nationalFormsPassAtExactlyNinetyPercentOfAllMembers(String awardForm) {
    assertThat(ballotPassed(awardForm, 20, 20, 18)).isEqualTo(true);
    assertThat(ballotPassed(awardForm, 15, 15, 14)).isEqualTo(true); // 93 %
  }

  @ParameterizedTest
  @ValueSource(strings = {"bang-khen-tld", "co-thi-dua-tld", "bang-ldst"})
  void nationalFormsFailJustBelowNinetyPercentOfAllMembers(String awardForm) {
    assertThat(ballotPassed(awardForm, 20, 20, 17)).isEqualTo(false);
    assertThat(ballotPassed(awardForm, 15, 15, 13)).isEqualTo(false); // 86.7 %
  }

  @Test
  void nationalFormsCountAbsentMembersAgainst() {
    // every one of the 17 present voted for, but that is 85 % of the 20 members
    assertThat(ballotPassed("bang-khen-tld", 20, 17, 17)).isEqualTo(false);
  }

  @Test
  void theProvincialFlagPassesAtExactlyTwoThirdsOfAllMembers() {
    assertThat(ballotPassed("co-thi-dua-tinh", 15, 15, 10)).isEqualTo(true);
    assertThat(ballotPassed("co-thi-dua-tinh", 20, 14, 14)).isEqualTo(true); // 70 % of all members
  }

  @Test
  void theProvincialFlagFailsJustBelowTwoThirdsOfAllMembers() {
    assertThat(ballotPassed("co-thi-dua-tinh", 15, 15, 9)).isEqualTo(false);
    assertThat(ballotPassed("co-thi-dua-tinh", 20, 13, 13)).isEqualTo(false); // all present, 65 % of all
  }

  @ParameterizedTest
  @ValueSource(strings = {"bang-khen-tinh", "giay-khen"})
  void lowerFormsPassWithMoreThanHalfOfThosePresent(String awardForm) {
    assertThat(ballotPassed(awardForm, 20, 10, 6)).isEqualTo(true);
    assertThat(ballotPassed(awardForm, 20, 11, 6)).isEqualTo(true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bang-khen-tinh", "giay-khen"})
  void lowerFormsFailAtExactlyHalfOfThosePresent(String awardForm) {
    assertThat(ballotPassed(awardForm, 20, 10, 5)).isEqualTo(false);
    assertThat(ballotPassed(awardForm, 20, 11, 5)).isEqualTo(false);
  }

  @Test
  void theBallotResultIsABoolean() {
    assertThat(ballotPassed("bang-khen-tinh", 20, 10, 6)).isInstanceOf(Boolean.class);
  }

  // ---------------------------------------------------------------- AwardMoney

  private static final LocalDate DECIDED = LocalDate.of(2026, 11, 27);

  private DmnDecisionTableResult money(String awardForm, String nomineeKind, LocalDate decisionDate) {
    return evaluate("award-money",
        vars("awardForm", awardForm, "nomineeKind", nomineeKind, "decisionDate", decisionDate));
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource(delimiter = '|', textBlock = """
      giay-khen       | individual | 0.3
      giay-khen       | collective | 0.6
      bang-khen-tinh  | individual | 1.0
      bang-khen-tinh  | collective | 2.0
      co-thi-dua-tinh | collective | 8.0
      bang-khen-tld   | individual | 0.0
      bang-khen-tld   | collective | 0.0
      co-thi-dua-tld  | collective | 0.0
      bang-ldst       | individual | 0.0
      """)
  void eachAwardFormAndNomineeKindHasItsCoefficient(String awardForm, String nomineeKind, double coefficient) {
    DmnDecisionRuleResult row = money(awardForm, nomineeKind, DECIDED).getSingleResult();

    assertThat(row.<Object>getEntry("coefficient")).isInstanceOf(Double.class).isEqualTo(coefficient);
  }

  @Test
  void theRowsApplyFromTheFirstOfJanuary2020() {
    assertThat(money("bang-khen-tinh", "individual", LocalDate.of(2020, 1, 1)).<Object>getSingleEntry()).isEqualTo(1.0);
    assertThat(money("bang-khen-tinh", "individual", LocalDate.of(2019, 12, 31))).isEmpty();
  }

  // ---------------------------------------------------------------- BaseSalary

  private Object baseSalary(LocalDate decisionDate) {
    return evaluate("base-salary", vars("decisionDate", decisionDate)).getSingleEntry();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      2019-07-01 | 1490000
      2023-06-30 | 1490000
      2023-07-01 | 1800000
      2024-06-30 | 1800000
      2024-07-01 | 2340000
      2026-11-27 | 2340000
      """)
  void theBaseSalaryInForceOnTheDecisionDateApplies(LocalDate decisionDate, long expected) {
    assertThat(baseSalary(decisionDate)).isInstanceOf(Long.class).isEqualTo(expected);
  }

  @Test
  void aDecisionDateGivenAsTextOrAsJavaUtilDateIsReadAsItsCalendarDay() {
    java.util.Date lateOnTheLastDay = java.util.Date.from(
        LocalDate.of(2024, 6, 30).atTime(23, 30).atZone(java.time.ZoneId.systemDefault()).toInstant());

    assertThat(evaluate("base-salary", vars("decisionDate", lateOnTheLastDay)).<Object>getSingleEntry())
        .isEqualTo(1_800_000L);
    assertThat(evaluate("base-salary", vars("decisionDate", "2024-07-01")).<Object>getSingleEntry())
        .isEqualTo(2_340_000L);
    assertThat(evaluate("award-money", vars("awardForm", "giay-khen", "nomineeKind", "individual",
        "decisionDate", "2024-07-01")).<Object>getSingleEntry()).isEqualTo(0.3);
  }

  @Test
  void aMissingOrUnreadableDecisionDateMatchesNoRow() {
    assertThat(evaluate("base-salary", vars("decisionDate", null))).isEmpty();
    assertThat(evaluate("base-salary", vars("decisionDate", "01/07/2024"))).isEmpty();
  }

  @Test
  void aDateBeforeTheFirstKnownRateMatchesNoRow() {
    assertThat(evaluate("base-salary", vars("decisionDate", LocalDate.of(2019, 6, 30)))).isEmpty();
  }
}
