package vn.congdoan.award.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import vn.congdoan.award.NominationTestSupport;
import vn.congdoan.award.decision.AwardDecisions;
import vn.congdoan.award.decision.AwardDecisions.Decision;
import vn.congdoan.award.form.InputValidationException;
import vn.congdoan.award.nomination.WithdrawalService;

/**
 * A council session as the province holds it: one agenda per round and body taken from the nominations that
 * wait for it, a secret ballot per candidate judged by the threshold table, the standing committee's approval of
 * the list (with strikes), one numbered decision per award form listing its awardees, and each nomination moved
 * on by the session's result. On H2 here, on PostgreSQL in {@code PostgresCouncilSessionTest}.
 */
@SpringBootTest
@ActiveProfiles("test")
public class CouncilSessionTest extends NominationTestSupport {
  static final String SECRETARIAT = "thuky.tinh";
  static final String COUNCIL = "hoidong.tinh";
  static final String STANDING = "thuongvu.tinh";

  @Autowired AwardDecisions decisions;
  @Autowired WithdrawalService withdrawals;

  @BeforeEach
  void noEarlierSessionWaits() {
    // sessions of other tests took their own nominations; a new test's waiting ones are its own
    jdbc.update("update nomination set status = 'IN_REVIEW' where status = 'AWAITING_SESSION'");
  }

  /** A nomination through the public notice, waiting for a session. */
  ProcessInstance awaiting(Map<String, Object> dossier) {
    ProcessInstance pi = start("lap.bvdk", dossier);
    approve("chutich.bvdk", pi, "grassrootsApproval");
    approve("thamdinh.yte", pi, "superiorVetting");
    approve(SECRETARIAT, pi, "secretariatVetting");
    if (runtime.createExecutionQuery().processInstanceId(pi.getId()).activityId("publicNoticePeriod").count() > 0) {
      setClock(Instant.parse("2026-12-31T00:00:00Z"));
      executeDueJobs(pi);
      setClock(NOW);
    }
    assertThat(pi).isWaitingAt("awaitCouncilSession");
    assertThat(row(pi).get("status")).isEqualTo("AWAITING_SESSION");
    return pi;
  }

  List<Task> ballots(ProcessInstance session) {
    return taskService.createTaskQuery().processInstanceId(session.getId()).taskDefinitionKey("sessionBallot").list();
  }

  /** Runs the calls on threads of their own, released together. */
  static <T> List<java.util.concurrent.Future<T>> atTheSameMoment(List<java.util.concurrent.Callable<T>> calls) {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(calls.size());
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<T>> futures = new ArrayList<>();
    for (var call : calls) {
      futures.add(pool.submit(() -> {
        go.await();
        return call.call();
      }));
    }
    go.countDown();
    pool.shutdown();
    return futures;
  }

  void issue(ProcessInstance session) {
    for (Job job : management.createJobQuery().processInstanceId(session.getId()).executable().list()) {
      management.executeJob(job.getId());
    }
  }

  @Test
  void aSessionDecidesItsAgendaWithOneDecisionPerAwardFormAndMovesEachNominationOn() {
    ProcessInstance passes = awaiting(dossier("bang-khen-tinh"));
    ProcessInstance fails = awaiting(dossier("bang-khen-tinh"));
    ProcessInstance flag = awaiting(collective("co-thi-dua-tinh"));
    ProcessInstance national = awaiting(dossier("bang-khen-tld"));

    ProcessInstance session = openSession(SECRETARIAT, 15, 14);
    assertThat(session).isActive();
    assertThat(ballots(session)).hasSize(4);
    // the council is told once that the session waits for its ballots, not once per candidate
    assertThat(jdbc.queryForList("select template from mail_message where process_instance_id = ? "
        + "and recipient_user = ?", String.class, session.getId(), COUNCIL)).containsExactly("session-opened");
    assertThat(row(passes).get("status")).isEqualTo("ON_AGENDA");
    vote(session, passes, 14);
    vote(session, fails, 7);
    vote(session, flag, 14);
    vote(session, national, 14);
    assertThat(session).isWaitingAt("standingApproval");
    approveList(session, null, null);
    issue(session);

    assertThat(passes).isEnded().hasPassed("endAwarded");
    assertThat(flag).isEnded().hasPassed("endAwarded");
    assertThat(fails).isEnded().hasPassed("endBallotFailed");
    assertThat(national).isWaitingAt("nationalForwarding");
    // the session's national forms go to the confederation together, on one dispatch
    assertThat(session).isWaitingAt("forwardNational");
    Task forwarding = taskService.createTaskQuery().processInstanceId(session.getId()).singleResult();
    assertThat(taskService.getVariable(forwarding.getId(), "sessionNationalList")).asString()
        .startsWith((String) row(national).get("code") + " – ");
    assertThatThrownBy(() -> as(SECRETARIAT, () -> taskService.complete(forwarding.getId(),
        Map.of("nationalDispatchNumber", "125/TTr-LĐLĐ", "nationalDispatchDate", "5/1/2027"))))
        .satisfies(e -> assertThat(InputValidationException.findIn(e)).isNotNull());
    assertThat(national).isWaitingAt("nationalForwarding");
    as(SECRETARIAT, () -> taskService.complete(forwarding.getId(),
        Map.of("nationalDispatchNumber", "125/TTr-LĐLĐ", "nationalDispatchDate", "2027-01-05")));
    assertThat(session).isEnded();
    assertThat(national).isWaitingAt("nationalResult");
    assertThat(variable(national, "nationalDispatchNumber")).isEqualTo("125/TTr-LĐLĐ");
    assertThat(jdbc.queryForObject("select actor from nomination_review where process_instance_id = ? "
        + "and step = 'nationalForwarding'", String.class, national.getId())).isEqualTo(SECRETARIAT);
    Decision bangKhen = decisions.ofNomination(passes.getId()).orElseThrow();
    Decision co = decisions.ofNomination(flag.getId()).orElseThrow();
    assertThat(bangKhen.id()).isNotEqualTo(co.id());
    assertThat(bangKhen.awardForm()).isEqualTo("bang-khen-tinh");
    assertThat(co.awardForm()).isEqualTo("co-thi-dua-tinh");
    assertThat(bangKhen.seq() + 1).isEqualTo(co.seq()); // numbered in the catalogue's order, no gap
    assertThat(row(passes).get("decision_number")).isEqualTo(bangKhen.number());
    assertThat(variable(passes, "councilFor")).isEqualTo(14L);
    assertThat(decisions.ofNomination(fails.getId())).isEmpty();
  }

  @Test
  void thirtyCandidatesWithMixedBallotsGiveOneDecisionPerFormListingExactlyThosePassedAndNotStruck() {
    List<ProcessInstance> bangKhen = new ArrayList<>();
    List<ProcessInstance> co = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Map<String, Object> d = dossier("bang-khen-tinh");
      d.put("nomineeName", "Ứng viên Bằng khen " + i);
      bangKhen.add(awaiting(d));
    }
    for (int i = 0; i < 10; i++) {
      Map<String, Object> d = collective("co-thi-dua-tinh");
      d.put("nomineeName", "Tập thể Cờ thi đua " + i);
      co.add(awaiting(d));
    }
    ProcessInstance session = openSession(SECRETARIAT, 15, 14);
    assertThat(ballots(session)).hasSize(30);
    // the threshold table: Bằng khen tỉnh needs more than half of those present (8 of 14), Cờ thi đua tỉnh
    // two thirds of all members (10 of 15)
    List<ProcessInstance> expectedBangKhen = new ArrayList<>();
    List<ProcessInstance> expectedCo = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long votes = i % 4 == 0 ? 7 : 12; // every fourth fails
      vote(session, bangKhen.get(i), votes);
      if (votes >= 8 && i != 5) {
        expectedBangKhen.add(bangKhen.get(i));
      }
    }
    for (int i = 0; i < 10; i++) {
      long votes = i % 3 == 0 ? 9 : 10;
      vote(session, co.get(i), votes);
      if (votes >= 10) {
        expectedCo.add(co.get(i));
      }
    }
    String struckCode = (String) row(bangKhen.get(5)).get("code");
    approveList(session, struckCode.toLowerCase(), "Đơn vị chưa hoàn thành nghĩa vụ đóng đoàn phí năm 2026.");
    issue(session);

    Decision b = decisions.ofNomination(expectedBangKhen.get(0).getId()).orElseThrow();
    Decision c = decisions.ofNomination(expectedCo.get(0).getId()).orElseThrow();
    assertThat(b.awardees()).extracting(AwardDecisions.Awardee::processInstanceId)
        .containsExactlyElementsOf(expectedBangKhen.stream().map(ProcessInstance::getId).toList());
    assertThat(c.awardees()).extracting(AwardDecisions.Awardee::processInstanceId)
        .containsExactlyElementsOf(expectedCo.stream().map(ProcessInstance::getId).toList());
    // money: Bằng khen 1.0 × 2,340,000 for an individual; Cờ thi đua 8.0 × 2,340,000 (a collective)
    assertThat(b.totalMoney()).isEqualTo(expectedBangKhen.size() * 2_340_000L);
    assertThat(c.awardees()).allSatisfy(a -> assertThat(a.money()).isEqualTo(18_720_000L));
    assertThat(c.totalMoney()).isEqualTo(expectedCo.size() * 18_720_000L);
    for (ProcessInstance pi : bangKhen) {
      assertThat(pi).isEnded();
    }
    assertThat(bangKhen.get(0)).hasPassed("endBallotFailed");
    assertThat(bangKhen.get(5)).hasPassed("endRejected");
    assertThat(row(bangKhen.get(5)).get("outcome_reason"))
        .isEqualTo("Đơn vị chưa hoàn thành nghĩa vụ đóng đoàn phí năm 2026.");
    assertThat(co.get(0)).hasPassed("endBallotFailed");
    assertThat(co.get(1)).hasPassed("endAwarded");
    // the trail of each candidate has the council's ballot and the standing committee's word
    assertThat(jdbc.queryForList("select step from nomination_review where process_instance_id = ? order by seq",
        String.class, bangKhen.get(1).getId())).containsSubsequence("sessionBallot", "standingApproval");
    assertThat(jdbc.queryForObject("select outcome from nomination_review where process_instance_id = ? "
        + "and step = 'standingApproval'", String.class, bangKhen.get(5).getId())).isEqualTo("reject");
  }

  @Test
  void aNominationWithdrawnWhileOnTheAgendaLeavesItAndTheSessionGoesOnWithoutIt() {
    ProcessInstance stays = awaiting(dossier("bang-khen-tinh"));
    ProcessInstance leaves = awaiting(dossier("bang-khen-tinh"));
    ProcessInstance session = openSession(SECRETARIAT, 15, 14);
    String code = (String) row(leaves).get("code");

    as("lap.bvdk", () -> withdrawals.withdraw(code, "Cá nhân xin rút vì chuyển công tác."));

    assertThat(leaves).isEnded().hasPassed("endWithdrawn");
    assertThat(ballots(session)).hasSize(1);
    assertThat(jdbc.queryForObject("select state from council_agenda where nomination_process_instance_id = ?",
        String.class, leaves.getId())).isEqualTo("WITHDRAWN");
    vote(session, stays, 14);
    approveList(session, null, null);
    issue(session);
    assertThat(stays).isEnded().hasPassed("endAwarded");
    assertThat(decisions.ofNomination(stays.getId()).orElseThrow().awardees()).hasSize(1);
  }

  @Test
  void aNominationWithdrawnAfterItsBallotIsLeftOutOfTheDecision() {
    ProcessInstance stays = awaiting(dossier("bang-khen-tinh"));
    ProcessInstance leaves = awaiting(dossier("bang-khen-tinh"));
    ProcessInstance session = openSession(SECRETARIAT, 15, 14);
    vote(session, stays, 14);
    vote(session, leaves, 14);
    assertThat(session).isWaitingAt("standingApproval");

    as("lap.bvdk", () -> withdrawals.withdraw((String) row(leaves).get("code"), "Xin rút hồ sơ."));
    approveList(session, null, null);
    issue(session);

    assertThat(leaves).isEnded().hasPassed("endWithdrawn");
    assertThat(decisions.ofNomination(stays.getId()).orElseThrow().awardees())
        .extracting(AwardDecisions.Awardee::processInstanceId).containsExactly(stays.getId());
  }

  @Test
  void aSecondSessionFindsOnlyWhatTheFirstDidNotTakeAndAnEmptyAgendaIsRefused() {
    ProcessInstance first = awaiting(dossier("bang-khen-tinh"));
    ProcessInstance session = openSession(SECRETARIAT, 15, 14);
    assertThatThrownBy(() -> openSession(SECRETARIAT, 15, 14))
        .satisfies(e -> assertThat(InputValidationException.findIn(e)).isNotNull())
        .hasMessageContaining("Không có hồ sơ nào của Liên đoàn Lao động tỉnh Lai Châu trong đợt «Tổng kết năm 2026» "
            + "đang chờ phiên họp");
    ProcessInstance later = awaiting(dossier("bang-khen-tinh"));
    ProcessInstance second = openSession(SECRETARIAT, 15, 14);
    assertThat(ballots(session)).hasSize(1);
    assertThat(ballots(second)).hasSize(1);
    assertThat(taskService.getVariable(ballots(second).get(0).getId(), "nominationInstance")).isEqualTo(later.getId());
    assertThat(taskService.getVariable(ballots(session).get(0).getId(), "nominationInstance")).isEqualTo(first.getId());
  }

  @Test
  void onlyTheSecretariatOpensASessionAndItsFiguresMustAddUp() {
    awaiting(dossier("bang-khen-tinh"));
    assertThatThrownBy(() -> openSession("thamdinh.yte", 15, 14)) // no grant to start it
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    assertThatThrownBy(() -> openSession("admin", 15, 14)) // may start anything, but is not the body's secretariat
        .satisfies(e -> assertThat(InputValidationException.findIn(e)).isNotNull())
        .hasMessageContaining("Chỉ thư ký (Ban Chính sách pháp luật & Quan hệ lao động) của Liên đoàn Lao động tỉnh");
    assertThatThrownBy(() -> openSession(SECRETARIAT, 15, 16))
        .satisfies(e -> assertThat(InputValidationException.findIn(e)).isNotNull())
        .hasMessageContaining("Số thành viên có mặt (16) không được lớn hơn tổng số thành viên Hội đồng (15).");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("council-session").active().list())
        .noneMatch(pi -> jdbc.queryForObject("select count(*) from council_agenda where session_process_instance_id = ?",
            Integer.class, pi.getId()) == 0);
  }

  @Test
  void aStrikeMustNameAPassedCandidateAndGiveAReasonAndAReturnMeansANewBallot() {
    ProcessInstance a = awaiting(dossier("bang-khen-tinh"));
    ProcessInstance b = awaiting(dossier("bang-khen-tinh"));
    ProcessInstance session = openSession(SECRETARIAT, 15, 14);
    vote(session, a, 14);
    vote(session, b, 3);
    String failedCode = (String) row(b).get("code");
    assertThatThrownBy(() -> approveList(session, failedCode, "lý do"))
        .satisfies(e -> assertThat(InputValidationException.findIn(e)).isNotNull())
        .hasMessageContaining("Các mã sau không phải hồ sơ đạt số phiếu trong phiên họp này: " + failedCode);
    assertThatThrownBy(() -> approveList(session, (String) row(a).get("code"), null))
        .satisfies(e -> assertThat(InputValidationException.findIn(e)).isNotNull())
        .hasMessageContaining("Hãy ghi lý do Ban Thường vụ không duyệt");
    assertThat(session).isWaitingAt("standingApproval");

    Task t = taskService.createTaskQuery().processInstanceId(session.getId()).taskDefinitionKey("standingApproval")
        .singleResult();
    as(STANDING, () -> taskService.complete(t.getId(), Map.of("standingApprovalOutcome", "return",
        "standingApprovalReason", "Đề nghị Hội đồng xem xét lại kết quả kiểm phiếu.")));
    assertThat(ballots(session)).hasSize(2);
    vote(session, a, 14);
    vote(session, b, 12);
    approveList(session, null, null);
    issue(session);
    assertThat(a).hasPassed("endAwarded");
    assertThat(b).hasPassed("endAwarded");
    assertThat(decisions.ofNomination(a.getId()).orElseThrow().id()).isEqualTo(decisions.ofNomination(b.getId()).orElseThrow().id());
  }

  @Test
  void aCouncilMemberOfTheNomineesOwnUnitCannotRecordItsBallot() {
    // the hospital's chair also sits on the provincial council in this test
    identity.createMembership("chutich.bvdk", "tinh-council");
    try {
      ProcessInstance pi = awaiting(dossier("bang-khen-tinh"));
      ProcessInstance session = openSession(SECRETARIAT, 15, 14);
      Task t = ballots(session).get(0);
      assertThatThrownBy(() -> as("chutich.bvdk", () -> {
        taskService.claim(t.getId(), "chutich.bvdk");
        taskService.complete(t.getId(), ballot(15, 14, 14, 0));
      })).hasMessageContaining("CĐCS Bệnh viện Đa khoa tỉnh");
      assertThat(pi).isWaitingAt("awaitCouncilSession");
    } finally {
      identity.deleteMembership("chutich.bvdk", "tinh-council");
    }
  }

  @Test
  void aBallotWhoseVotesDoNotAddUpToThosePresentIsRefusedAndAbstentionsReachTheNomination() {
    ProcessInstance pi = awaiting(collective("bang-khen-tinh"));
    ProcessInstance session = openSession(SECRETARIAT, 15, 14);
    Task t = ballots(session).get(0);
    // the session's figures are the form's first values
    assertThat(taskService.getVariable(t.getId(), "councilMembers")).isEqualTo(15L);
    assertThat(taskService.getVariable(t.getId(), "councilPresent")).isEqualTo(14L);
    assertThat(taskService.getVariable(t.getId(), "nomineeName")).isEqualTo("Khoa Hồi sức tích cực");
    Map<String, Object> oneMissing = Map.of("councilMembers", 15L, "councilPresent", 14L, "councilFor", 12L,
        "councilAgainst", 1L, "councilAbstain", 0L);
    assertThatThrownBy(() -> as(COUNCIL, () -> taskService.complete(t.getId(), oneMissing)))
        .satisfies(e -> assertThat(InputValidationException.findIn(e)).isNotNull())
        .hasMessageContaining("Số phiếu đồng ý (12), không đồng ý (1) và không biểu quyết (0) cộng lại phải bằng "
            + "số thành viên Hội đồng có mặt (14).");
    assertThat(ballots(session)).hasSize(1);

    as(COUNCIL, () -> taskService.complete(t.getId(), ballot(15, 14, 12, 1)));
    approveList(session, null, null);
    issue(session);
    assertThat(pi).hasPassed("endAwarded");
    assertThat(variable(pi, "councilAbstain")).isEqualTo(1L);
  }

  @Test
  void twoSessionsOpenedAtTheSameMomentNeverShareANomination() throws Exception {
    List<ProcessInstance> waiting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waiting.add(awaiting(dossier("bang-khen-tinh")));
    }
    java.util.concurrent.Callable<ProcessInstance> opening = () -> openSession(SECRETARIAT, 15, 14);
    var opened = atTheSameMoment(List.of(opening, opening));
    List<ProcessInstance> sessions = new ArrayList<>();
    List<Throwable> refusals = new ArrayList<>();
    for (var f : opened) {
      try {
        sessions.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
      } catch (java.util.concurrent.ExecutionException e) {
        refusals.add(e.getCause());
      }
    }

    assertThat(sessions).isNotEmpty();
    // a session that found nothing left says so; nothing else may go wrong
    assertThat(refusals).allSatisfy(e -> assertThat(InputValidationException.findIn(e)).as(e.toString()).isNotNull());
    for (ProcessInstance pi : waiting) {
      assertThat(jdbc.queryForObject("select count(*) from council_agenda where nomination_process_instance_id = ?",
          Integer.class, pi.getId())).as("agendas holding %s", pi.getId()).isEqualTo(1);
    }
    assertThat(sessions.stream().mapToInt(session -> ballots(session).size()).sum()).isEqualTo(3);
  }

  @Test
  void decisionsOfTwoSessionsIssuedAtTheSameMomentAreNumberedWithoutGapOrDuplicate() throws Exception {
    long before = jdbc.query("select last_value from sequence_counter where name = 'decision:tinh' and counter_year = 2026",
        rs -> rs.next() ? rs.getLong(1) : 0L);
    ProcessInstance a1 = awaiting(dossier("bang-khen-tinh"));
    ProcessInstance a2 = awaiting(collective("co-thi-dua-tinh"));
    ProcessInstance first = openSession(SECRETARIAT, 15, 14);
    ProcessInstance b1 = awaiting(dossier("bang-khen-tinh"));
    ProcessInstance b2 = awaiting(collective("co-thi-dua-tinh"));
    ProcessInstance second = openSession(SECRETARIAT, 15, 14);
    for (ProcessInstance[] s : new ProcessInstance[][] {{first, a1, a2}, {second, b1, b2}}) {
      vote(s[0], s[1], 14);
      vote(s[0], s[2], 14);
      approveList(s[0], null, null);
    }
    List<Job> jobs = List.of(management.createJobQuery().processInstanceId(first.getId()).singleResult(),
        management.createJobQuery().processInstanceId(second.getId()).singleResult());
    for (var f : atTheSameMoment(jobs.stream().<java.util.concurrent.Callable<Object>>map(job -> () -> {
      management.executeJob(job.getId());
      return null;
    }).toList())) {
      f.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    List<Long> seqs = new ArrayList<>();
    for (ProcessInstance pi : List.of(a1, a2, b1, b2)) {
      assertThat(pi).isEnded().hasPassed("endAwarded");
      seqs.add(decisions.ofNomination(pi.getId()).orElseThrow().seq());
    }
    assertThat(seqs.stream().distinct().sorted().toList())
        .containsExactly(before + 1, before + 2, before + 3, before + 4);
    // within each session, the catalogue's order: its Bằng khen before its Cờ thi đua
    assertThat(seqs.get(0) + 1).isEqualTo(seqs.get(1));
    assertThat(seqs.get(2) + 1).isEqualTo(seqs.get(3));
  }
}
