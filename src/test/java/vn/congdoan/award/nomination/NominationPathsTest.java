package vn.congdoan.award.nomination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;
import vn.congdoan.award.NominationTestSupport;
import vn.congdoan.award.form.InputValidationException;

/**
 * Every path through {@code award-nomination}, driven as the demo users would drive it in Tasklist. After
 * all tests, every flow node of the process must have been passed at least once.
 */
@SpringBootTest
@ActiveProfiles("test")
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NominationPathsTest extends NominationTestSupport {
  // a grassroots unit under Công đoàn ngành Y tế
  static final String PREPARER = "lap.bvdk";
  static final String CHAIR = "chutich.bvdk";
  static final String SUPERIOR_REVIEWER = "thamdinh.yte";
  static final String SUPERIOR_HEAD = "chutich.yte";
  // the province
  static final String SECRETARIAT = "thuky.tinh";
  static final String STANDING = "thuongvu.tinh";

  @Autowired NominationReadModel readModel;
  @Autowired WithdrawalService withdrawals;
  @Autowired vn.congdoan.award.council.Complaints complaints;

  /** Up to the superior unit's vetting. */
  ProcessInstance atSuperiorVetting(Map<String, Object> dossier) {
    ProcessInstance pi = start(PREPARER, dossier);
    approve(CHAIR, pi, "grassrootsApproval");
    assertThat(pi).isWaitingAt("superiorVetting");
    return pi;
  }

  /** Up to the provincial secretariat. */
  ProcessInstance atSecretariat(Map<String, Object> dossier) {
    ProcessInstance pi = atSuperiorVetting(dossier);
    approve(SUPERIOR_REVIEWER, pi, "superiorVetting");
    assertThat(pi).isWaitingAt("secretariatVetting");
    return pi;
  }

  /** Through the public notice, waiting for a council session (process council-session, CouncilSessionTest). */
  ProcessInstance atCouncilSession(Map<String, Object> dossier) {
    ProcessInstance pi = atSecretariat(dossier);
    approve(SECRETARIAT, pi, "secretariatVetting");
    assertThat(pi).isWaitingAt("publicNoticePeriod");
    setClock(Instant.parse("2026-12-31T00:00:00Z"));
    executeDueJobs(pi);
    assertThat(pi).isWaitingAt("awaitCouncilSession");
    assertThat(row(pi).get("status")).isEqualTo("AWAITING_SESSION");
    return pi;
  }

  @Test
  void giayKhenIsDecidedAtTheSuperiorUnitWithTheNextNumberOfThatBodyAndTheMoneyRoundedUp() {
    ProcessInstance pi = atSuperiorVetting(dossier("giay-khen"));
    approve(SUPERIOR_REVIEWER, pi, "superiorVetting");
    assertThat(pi).isWaitingAt("superiorDecision");
    approve(SUPERIOR_HEAD, pi, "superiorDecision");
    assertThat(pi).isWaitingAt("issueSuperiorDecision"); // an async save point before numbering
    executeDueJobs(pi);

    assertThat(pi).isEnded().hasPassed("endAwarded");
    Map<String, Object> row = row(pi);
    assertThat(row.get("status")).isEqualTo("AWARDED");
    assertThat((String) row.get("decision_number")).matches("Số: \\d+/QĐ-CĐN");
    assertThat(row.get("decision_body")).isEqualTo("cdn_yte");
    // 0.3 × 2,340,000 = 702,000, rounded up to tens of thousands
    assertThat(row.get("award_money")).isEqualTo(710_000L);
    assertThat(row.get("deciding_level")).isEqualTo("superior");
  }

  @Test
  void bangKhenTinhGoesThroughPublicNoticeBallotAndStandingCommitteeToAProvinceDecision() {
    ProcessInstance pi = atSecretariat(collective("bang-khen-tinh"));
    approve(SECRETARIAT, pi, "secretariatVetting");
    assertThat(pi).isWaitingAt("publicNoticePeriod");
    assertThat(row(pi).get("status")).isEqualTo("PUBLIC_NOTICE");
    // 5 working days from Friday 20 Nov: the notice ends with Friday 27 Nov; not yet on the 27th at noon
    setClock(Instant.parse("2026-11-27T05:00:00Z"));
    executeDueJobs(pi);
    assertThat(pi).isWaitingAt("publicNoticePeriod");
    setClock(Instant.parse("2026-11-28T01:00:00Z"));
    executeDueJobs(pi);
    assertThat(pi).isWaitingAt("awaitCouncilSession");

    // more than half of those present (8 of 14) for a provincial Bằng khen
    councilSession(Map.of(pi, 8L), null, null);

    assertThat(pi).isEnded().hasPassed("provinceDecided", "endAwarded");
    assertThat(variable(pi, "councilFor")).isEqualTo(8L);
    assertThat(variable(pi, "councilAbstain")).isEqualTo(0L);
    Map<String, Object> row = row(pi);
    assertThat((String) row.get("decision_number")).matches("Số: \\d+/QĐ-LĐLĐ");
    assertThat(row.get("decision_body")).isEqualTo("tinh");
    // a collective's Bằng khen: 2.0 × 2,340,000
    assertThat(row.get("award_money")).isEqualTo(4_680_000L);
  }

  @Test
  void historyKeepsEveryProcessVariableAndRoutingDecisionButNotTaskCardCopiesOrPassedInputChecks() {
    assertThat(((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
        .getHistoryLevel()).isEqualTo(
        org.camunda.bpm.engine.impl.history.HistoryLevel.HISTORY_LEVEL_FULL).isInstanceOf(AuditHistoryLevel.class);
    ProcessInstance pi = atSecretariat(collective("bang-khen-tinh"));
    Task secretariat = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    // the card copy is on the task, for Tasklist
    assertThat(taskService.getVariableLocal(secretariat.getId(), "nominationCode")).isEqualTo(variable(pi, "nominationCode"));
    approve(SECRETARIAT, pi, "secretariatVetting");
    setClock(Instant.parse("2026-12-31T00:00:00Z"));
    executeDueJobs(pi);
    ProcessInstance session = councilSession(pi);

    var variables = history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list();
    assertThat(variables).filteredOn(v -> v.getTaskId() != null)
        .extracting(v -> v.getName()).doesNotContainAnyElementsOf(StepListener.CARD_VARIABLES);
    assertThat(variables).filteredOn(v -> v.getTaskId() == null).extracting(v -> v.getName())
        .contains("nominationCode", "nomineeName", "awardFormName", "councilFor", "councilAbstain",
            "grassrootsApprovalOutcome");
    assertThat(history.createHistoricDetailQuery().processInstanceId(pi.getId()).variableUpdates().list())
        .noneMatch(d -> d.getTaskId() != null && StepListener.CARD_VARIABLES.contains(
            ((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName()));

    Set<String> decisions = history.createHistoricDecisionInstanceQuery().processInstanceId(pi.getId()).list()
        .stream().map(d -> d.getDecisionDefinitionKey()).collect(Collectors.toSet());
    // the council's ballot was checked (ballot-validation) and judged (council-threshold) in the session: only
    // the judgement is kept; the input checks, evaluated for every start and ballot, are nowhere in the history
    assertThat(decisions).contains("award-authority");
    assertThat(history.createHistoricDecisionInstanceQuery().processInstanceId(session.getId())
        .decisionDefinitionKey("council-threshold").count()).isEqualTo(1);
    assertThat(history.createHistoricDecisionInstanceQuery().decisionDefinitionKey("ballot-validation").count()
        + history.createHistoricDecisionInstanceQuery().decisionDefinitionKey("nomination-eligibility").count())
        .isZero();
  }

  @Test
  void aFailedBallotEndsTheNominationWithoutADecision() {
    ProcessInstance pi = atCouncilSession(dossier("bang-khen-tld"));
    // a national form needs 90 % of all 15 members: 13 is not enough
    councilSession(Map.of(pi, 13L), null, null);

    assertThat(pi).isEnded().hasPassed("endBallotFailed").hasNotPassed("provinceDecided");
    assertThat(row(pi).get("status")).isEqualTo("BALLOT_FAILED");
    assertThat(row(pi).get("decision_number")).isNull();
  }

  @Test
  void aNationalFormIsForwardedAndItsRecordedResultEndsTheNomination() {
    ProcessInstance pi = atCouncilSession(dossier("bang-khen-tld"));
    councilSession(pi);
    assertThat(pi).isWaitingAt("nationalForwarding").hasPassed("endForwardedNational");
    complete(SECRETARIAT, pi, "nationalForwarding",
        Map.of("nationalDispatchNumber", "125/TTr-LĐLĐ", "nationalDispatchDate", "2027-01-05"));
    assertThat(pi).isWaitingAt("nationalResult");
    complete(SECRETARIAT, pi, "nationalResult", Map.of("nationalResultOutcome", "awarded",
        "nationalDecisionNumber", "2001/QĐ-TLĐ", "nationalDecisionDate", "2027-03-01"));

    assertThat(pi).isEnded().hasPassed("endNationalAwarded");
    assertThat(row(pi).get("status")).isEqualTo("NATIONAL_AWARDED");
  }

  @Test
  void aNationalRefusalIsRecordedAsNotAwarded() {
    ProcessInstance pi = atCouncilSession(collective("co-thi-dua-tld"));
    councilSession(pi);
    complete(SECRETARIAT, pi, "nationalForwarding",
        Map.of("nationalDispatchNumber", "126/TTr-LĐLĐ", "nationalDispatchDate", "2027-01-05"));
    complete(SECRETARIAT, pi, "nationalResult", Map.of("nationalResultOutcome", "not-awarded",
        "nationalResultNote", "Không đủ tiêu chuẩn theo đánh giá của Tổng Liên đoàn."));

    assertThat(pi).isEnded().hasPassed("endNationalNotAwarded");
    assertThat(row(pi).get("status")).isEqualTo("NATIONAL_NOT_AWARDED");
  }

  @Test
  void aUnitWithNoSuperiorGoesStraightToTheProvinceWhichDecidesItsGiayKhen() {
    ProcessInstance pi = start("lap.che", dossier("giay-khen"));
    assertThat(row(pi).get("superior_unit_code")).isNull();
    approve("chutich.che", pi, "grassrootsApproval");

    assertThat(pi).isWaitingAt("secretariatVetting").hasNotPassed("superiorVetting");
    approve(SECRETARIAT, pi, "secretariatVetting");
    // Giấy khen has no public notice: it waits for the province's next session at once
    assertThat(pi).isWaitingAt("awaitCouncilSession");
    councilSession(pi);
    assertThat(pi).isEnded().hasPassed("provinceDecided", "endAwarded");
    assertThat(row(pi).get("decision_body")).isEqualTo("tinh");
  }

  // Each review returns the dossier; the preparer revises it; it comes back to the same reviewer.
  void returnsAndComesBack(ProcessInstance pi, String step, String reviewer) {
    review(reviewer, pi, step, "return", "Bổ sung biên bản họp có chữ ký.");
    assertThat(pi).isWaitingAt(step + "Revision");
    assertThat(row(pi).get("status")).isEqualTo("RETURNED");
    Task revision = task(pi, step + "Revision");
    assertThat(taskService.getVariable(revision.getId(), "returnReason")).isEqualTo("Bổ sung biên bản họp có chữ ký.");

    Map<String, Object> revised = new HashMap<>(dossier("ignored"));
    revised.remove("awardForm"); // the award form is fixed once filed
    revised.put("achievements", "Bổ sung: biên bản họp ngày 10/11/2026 có chữ ký.");
    complete(PREPARER, pi, step + "Revision", revised);

    assertThat(pi).isWaitingAt(step);
    Task again = task(pi, step);
    assertThat(again.getAssignee()).isEqualTo(reviewer);
    assertThat(taskService.getVariable(again.getId(), step + "Outcome")).isNull();
    assertThat(variable(pi, "achievements")).isEqualTo("Bổ sung: biên bản họp ngày 10/11/2026 có chữ ký.");

    // the reviewer's form shows what the revision changed and every earlier opinion, the return's reason in full
    assertThat(json(again.getId(), ReviewOpinions.CHANGES)).containsExactly(Map.of("field", "Tóm tắt thành tích",
        "before", "Hoàn thành xuất sắc nhiệm vụ năm 2026; 2 sáng kiến được công nhận.",
        "after", "Bổ sung: biên bản họp ngày 10/11/2026 có chữ ký."));
    List<Map<String, Object>> opinions = json(again.getId(), ReviewOpinions.OPINIONS);
    assertThat(opinions.get(0)).containsEntry("step", "Lập hồ sơ đề nghị khen thưởng").containsEntry("outcome", "Nộp hồ sơ").containsEntry("actor", "Bùi Thị Thu");
    assertThat(opinions).anySatisfy(o -> assertThat(o).containsEntry("outcome", "Trả lại để bổ sung")
        .containsEntry("note", "Bổ sung biên bản họp có chữ ký."));
    assertThat(opinions.get(opinions.size() - 1)).containsEntry("outcome", "Gửi lại hồ sơ đã sửa")
        .containsEntry("note", "Đã sửa: Tóm tắt thành tích");
  }

  /** A JSON variable as the task's form receives it. */
  List<Map<String, Object>> json(String taskId, String name) {
    var value = (org.camunda.bpm.engine.variable.value.SerializableValue)
        taskService.getVariableTyped(taskId, name, false);
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readValue(value.getValueSerialized(),
          new com.fasterxml.jackson.core.type.TypeReference<List<Map<String, Object>>>() {});
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void returnAndResubmitAtTheGrassrootsChair() {
    ProcessInstance pi = start(PREPARER, dossier("giay-khen"));
    returnsAndComesBack(pi, "grassrootsApproval", CHAIR);
  }

  @Test
  void returnAndResubmitAtTheSuperiorVetting() {
    returnsAndComesBack(atSuperiorVetting(dossier("giay-khen")), "superiorVetting", SUPERIOR_REVIEWER);
  }

  @Test
  void returnAndResubmitAtTheSuperiorDecision() {
    ProcessInstance pi = atSuperiorVetting(dossier("giay-khen"));
    approve(SUPERIOR_REVIEWER, pi, "superiorVetting");
    returnsAndComesBack(pi, "superiorDecision", SUPERIOR_HEAD);
  }

  @Test
  void returnAndResubmitAtTheSecretariat() {
    returnsAndComesBack(atSecretariat(dossier("bang-khen-tinh")), "secretariatVetting", SECRETARIAT);
  }

  // Each review can reject the dossier with a reason, which ends the nomination.
  void rejects(ProcessInstance pi, String step, String reviewer) {
    review(reviewer, pi, step, "reject", "Thành tích chưa đủ tiêu chuẩn.");
    assertThat(pi).isEnded();
    Map<String, Object> row = row(pi);
    assertThat(row.get("status")).isEqualTo("REJECTED");
    assertThat(row.get("outcome_reason")).isEqualTo("Thành tích chưa đủ tiêu chuẩn.");
    assertThat(readModel.reviews(pi.getId())).anySatisfy(r -> {
      assertThat(r.get("step")).isEqualTo(step);
      assertThat(r.get("actor")).isEqualTo(reviewer);
      assertThat(r.get("outcome")).isEqualTo("reject");
    });
  }

  @Test
  void rejectAtTheGrassrootsChair() {
    rejects(start(PREPARER, dossier("giay-khen")), "grassrootsApproval", CHAIR);
  }

  @Test
  void rejectAtTheSuperiorVetting() {
    rejects(atSuperiorVetting(dossier("giay-khen")), "superiorVetting", SUPERIOR_REVIEWER);
  }

  @Test
  void rejectAtTheSuperiorDecision() {
    ProcessInstance pi = atSuperiorVetting(dossier("giay-khen"));
    approve(SUPERIOR_REVIEWER, pi, "superiorVetting");
    rejects(pi, "superiorDecision", SUPERIOR_HEAD);
  }

  @Test
  void rejectAtTheSecretariat() {
    rejects(atSecretariat(dossier("bang-khen-tinh")), "secretariatVetting", SECRETARIAT);
  }

  /** In the public notice, a member of the hospital's union complains; the notice then ends. */
  ProcessInstance complainedAbout(String content) {
    setClock(NOW);
    ProcessInstance pi = atSecretariat(dossier("bang-khen-tinh"));
    approve(SECRETARIAT, pi, "secretariatVetting");
    assertThat(pi).isWaitingAt("publicNoticePeriod");
    as(CHAIR, () -> complaints.file(row(pi), "Nguyễn Văn Bình (đoàn viên Khoa Nội)", content));
    setClock(Instant.parse("2026-12-31T00:00:00Z"));
    executeDueJobs(pi);
    assertThat(pi).isWaitingAt("complaintResolution");
    Task t = task(pi, "complaintResolution");
    assertThat(taskService.getVariable(t.getId(), "complaintsText")).asString()
        .startsWith("Nguyễn Văn Bình (đoàn viên Khoa Nội) (").contains(content);
    return pi;
  }

  @Test
  void aComplaintFoundGroundlessKeepsTheCandidateForTheSession() {
    ProcessInstance pi = complainedAbout("Thành tích sáng kiến đã được dùng cho danh hiệu năm trước.");
    review(SECRETARIAT, pi, "complaintResolution", "approve", "Đã xác minh: sáng kiến năm nay khác sáng kiến năm trước.");
    assertThat(pi).isWaitingAt("awaitCouncilSession");
    assertThat(jdbc.queryForObject("select count(*) from nomination_complaint where process_instance_id = ? "
        + "and resolved_at is null", Long.class, pi.getId())).isZero();
    assertThat(readModel.reviews(pi.getId())).extracting(r -> r.get("outcome"))
        .containsSubsequence("complaint", "approve");
  }

  @Test
  void anUpheldComplaintReturnsTheDossierOrEndsIt() {
    ProcessInstance returned = complainedAbout("Số liệu giá trị làm lợi chưa được xác nhận.");
    returnsAndComesBack(returned, "complaintResolution", SECRETARIAT);
    approve(SECRETARIAT, returned, "complaintResolution");
    assertThat(returned).isWaitingAt("awaitCouncilSession");

    ProcessInstance rejected = complainedAbout("Người được đề nghị bị kỷ luật khiển trách năm 2026.");
    rejects(rejected, "complaintResolution", SECRETARIAT);
    assertThat(rejected).hasPassed("endRejected");
  }

  @Test
  void theStandingCommitteeStrikesACandidateOfItsSessionWithAReason() {
    ProcessInstance pi = atCouncilSession(dossier("bang-khen-tinh"));
    councilSession(Map.of(pi, 14L), (String) row(pi).get("code"), "Thành tích chưa đủ tiêu chuẩn.");
    assertThat(pi).isEnded().hasPassed("endRejected");
    Map<String, Object> row = row(pi);
    assertThat(row.get("status")).isEqualTo("REJECTED");
    assertThat(row.get("outcome_reason")).isEqualTo("Thành tích chưa đủ tiêu chuẩn.");
    assertThat(readModel.reviews(pi.getId())).anySatisfy(r -> {
      assertThat(r.get("step")).isEqualTo("standingApproval");
      assertThat(r.get("actor")).isEqualTo(STANDING);
      assertThat(r.get("outcome")).isEqualTo("reject");
    });
  }

  @Test
  void aRejectionWithoutAReasonIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance pi = start(PREPARER, dossier("giay-khen"));
    assertThatThrownBy(() -> review(CHAIR, pi, "grassrootsApproval", "reject", " "))
        .satisfies(e -> assertThat(InputValidationException.findIn(e)).isNotNull()
            .extracting(InputValidationException::getViolations).asList()
            .containsExactly("Vui lòng ghi lý do khi trả lại hoặc không đề nghị hồ sơ."));
    assertThat(pi).isWaitingAt("grassrootsApproval");
    assertThat(readModel.reviews(pi.getId())).extracting(r -> r.get("outcome")).containsExactly("submitted");
  }

  @Test
  void theGrassrootsUnitWithdrawsANominationThatIsNotYetDecided() {
    ProcessInstance pi = atSecretariat(dossier("bang-khen-tinh"));
    as(CHAIR, () -> withdrawals.withdraw(row(pi).get("code").toString(), "Người được đề nghị chuyển công tác."));

    assertThat(pi).isEnded().hasPassed("endWithdrawn");
    assertThat(row(pi).get("status")).isEqualTo("WITHDRAWN");
    assertThat(row(pi).get("outcome_reason")).isEqualTo("Người được đề nghị chuyển công tác.");
  }

  @Test
  void anotherUnitCannotWithdrawANomination() {
    ProcessInstance pi = atSecretariat(dossier("bang-khen-tinh"));
    assertThatThrownBy(() -> as("chutich.lqd", () -> withdrawals.withdraw(row(pi).get("code").toString(), "Thử rút.")))
        .isInstanceOf(WithdrawalService.WithdrawalRefused.class)
        .hasMessageContaining("không thể rút");
    assertThat(pi).isWaitingAt("secretariatVetting");
  }

  @Test
  void aDecidedNominationCanNoLongerBeWithdrawn() {
    ProcessInstance pi = atCouncilSession(dossier("bang-khen-tld"));
    councilSession(pi);
    assertThat(pi).isWaitingAt("nationalForwarding");
    assertThatThrownBy(() -> as(CHAIR, () -> withdrawals.withdraw(row(pi).get("code").toString(), "Thử rút.")))
        .isInstanceOf(WithdrawalService.WithdrawalRefused.class)
        .satisfies(e -> assertThat(((WithdrawalService.WithdrawalRefused) e).status()).isEqualTo(409));
    assertThat(pi).isWaitingAt("nationalForwarding");
  }

  @Test
  void aTaskPastItsDueDateIsMarkedOverdueAndStaysOpen() {
    ProcessInstance pi = start(PREPARER, dossier("giay-khen"));
    Task task = task(pi, "grassrootsApproval");
    // due at the end of the 5th working day after Friday 20 Nov: Friday 27 Nov
    assertThat(task.getDueDate()).isEqualTo(java.util.Date.from(Instant.parse("2026-11-27T16:59:59Z")));
    setClock(Instant.parse("2026-11-27T10:00:00Z"));
    executeDueJobs(pi);
    assertThat(taskService.getVariableLocal(task.getId(), "overdue")).isNull();

    setClock(Instant.parse("2026-11-28T01:00:00Z"));
    executeDueJobs(pi);
    assertThat(pi).isWaitingAt("grassrootsApproval");
    assertThat(taskService.getVariableLocal(task.getId(), "overdue")).isEqualTo(true);
    assertThat(task(pi, "grassrootsApproval").getPriority()).isEqualTo(80);
    assertThat(row(pi).get("overdue")).isEqualTo(true);
  }

  @Test
  void aTaskHasOneDeadlineTimerThatFiresAtTheDueDateAndAgainAtTheEscalation() {
    ProcessInstance pi = start(PREPARER, dossier("giay-khen"));
    Task task = task(pi, "grassrootsApproval");
    var timers = management.createJobQuery().processInstanceId(pi.getId()).timers();
    // one job, due with the task: end of Friday 27 Nov
    assertThat(timers.list()).singleElement().satisfies(job ->
        assertThat(job.getDuedate()).isEqualTo(java.util.Date.from(Instant.parse("2026-11-27T16:59:59Z"))));

    setClock(Instant.parse("2026-11-28T01:00:00Z"));
    executeDueJobs(pi);
    assertThat(taskService.getVariableLocal(task.getId(), "overdue")).isEqualTo(true);
    // the same timer, once more: 3 working days later, the end of Wednesday 2 Dec
    assertThat(timers.list()).singleElement().satisfies(job ->
        assertThat(job.getDuedate()).isEqualTo(java.util.Date.from(Instant.parse("2026-12-02T16:59:59Z"))));

    setClock(Instant.parse("2026-12-03T01:00:00Z"));
    executeDueJobs(pi);
    assertThat(timers.count()).isZero();
    assertThat(pi).isWaitingAt("grassrootsApproval");
    assertThat(mails(pi, "task-overdue")).isPositive();
    assertThat(mails(pi, "task-escalation")).isPositive();
  }

  @Test
  void aDeadlineTimerThatFiresOnlyAfterTheEscalationTimeRemindsAndEscalatesOnce() {
    ProcessInstance pi = start(PREPARER, dossier("giay-khen"));
    // the node was down from before the due date (Fri 27 Nov) until after the escalation time (Wed 2 Dec)
    setClock(Instant.parse("2026-12-04T01:00:00Z"));
    executeDueJobs(pi);
    assertThat(management.createJobQuery().processInstanceId(pi.getId()).timers().count()).isZero();
    assertThat(mails(pi, "task-overdue")).isPositive();
    assertThat(mails(pi, "task-escalation")).isPositive();
    assertThat(taskService.getVariableLocal(task(pi, "grassrootsApproval").getId(), "escalated")).isEqualTo(true);
  }

  long mails(ProcessInstance pi, String template) {
    return jdbc.queryForObject("select count(*) from mail_message where process_instance_id = ? and template = ?",
        Long.class, pi.getId(), template);
  }

  @Test
  void anInvalidDossierIsRefusedWithVietnameseMessagesAndNothingIsStored() {
    long instancesBefore = history.createHistoricProcessInstanceQuery().count();
    long rowsBefore = jdbc.queryForObject("select count(*) from nomination", Long.class);
    Map<String, Object> bad = dossier("co-thi-dua-tinh"); // collective only, filed for an individual
    bad.put("nomineeName", "");

    assertThatThrownBy(() -> start(PREPARER, bad))
        .satisfies(e -> assertThat(InputValidationException.findIn(e).getViolations())
            .anySatisfy(m -> assertThat(m).contains("là bắt buộc")));
    bad.put("nomineeName", "Lò Thị Mai");
    assertThatThrownBy(() -> start(PREPARER, bad))
        .satisfies(e -> assertThat(InputValidationException.findIn(e).getViolations())
            .anySatisfy(m -> assertThat(m).containsIgnoringCase("tập thể")));

    assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    assertThat(jdbc.queryForObject("select count(*) from nomination", Long.class)).isEqualTo(rowsBefore);
  }

  @Test
  void aUserWhoIsNoPreparerCannotFileANomination() {
    // a reviewer has no right to start the process at all
    assertThatThrownBy(() -> start(SUPERIOR_REVIEWER, dossier("giay-khen")))
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    // and an account the engine lets in (an administrator) is still no preparer of any unit
    assertThatThrownBy(() -> start("admin", dossier("giay-khen")))
        .satisfies(e -> assertThat(String.join(" ", InputValidationException.findIn(e).getViolations()))
            .contains("không thuộc nhóm cán bộ lập hồ sơ"));
  }

  @Test
  void aClosedRoundIsRefused() {
    Map<String, Object> d = dossier("giay-khen");
    d.put("round", "2025-tong-ket");
    assertThatThrownBy(() -> start(PREPARER, d))
        .satisfies(e -> assertThat(String.join(" ", InputValidationException.findIn(e).getViolations()))
            .contains("không mở nhận hồ sơ"));
  }

  @Test
  void theNomineesUnitIsTakenFromThePreparersGroupsNotFromTheRequest() {
    Map<String, Object> d = dossier("giay-khen");
    d.put("grassrootsUnit", "cs_thpt_lqd");
    assertThatThrownBy(() -> start(PREPARER, d))
        .satisfies(e -> assertThat(String.join(" ", InputValidationException.findIn(e).getViolations()))
            .contains("không được lập hồ sơ cho đơn vị"));
    ProcessInstance pi = start(PREPARER, dossier("giay-khen"));
    assertThat(row(pi).get("unit_code")).isEqualTo("cs_bvdk_tinh");
    assertThat(row(pi).get("superior_unit_code")).isEqualTo("cdn_yte");
    assertThat(pi.getBusinessKey()).matches("HS-2026-\\d{5}");
  }

  /** Every flow node of the deployed process was passed by some test of this class. */
  @AfterAll
  void everyFlowNodeIsCovered() {
    ProcessDefinition definition = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("award-nomination").latestVersion().singleResult();
    BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(definition.getId());
    Set<String> all = model.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId)
        .collect(Collectors.toSet());
    Set<String> passed = history.createHistoricActivityInstanceQuery().processDefinitionId(definition.getId())
        .list().stream().map(HistoricActivityInstance::getActivityId).collect(Collectors.toSet());
    assertThat(passed).as("flow nodes passed by the tests").containsAll(all);
  }
}
