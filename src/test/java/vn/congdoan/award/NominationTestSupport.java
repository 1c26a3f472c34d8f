package vn.congdoan.award;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What process tests share: the engine's services, a fixed business clock (Friday 20 November 2026,
 * 09:00 in Lai Châu, while the 2026 rounds are open), acting as a demo user with their groups (so the
 * engine's authorization checks apply as in Tasklist), and a valid dossier to vary.
 */
public abstract class NominationTestSupport {
  /** Friday 2026-11-20 09:00 Asia/Ho_Chi_Minh. */
  public static final Instant NOW = Instant.parse("2026-11-20T02:00:00Z");

  @Autowired protected ProcessEngine engine;
  @Autowired protected RuntimeService runtime;
  @Autowired protected TaskService taskService;
  @Autowired protected IdentityService identity;
  @Autowired protected ManagementService management;
  @Autowired protected HistoryService history;
  @Autowired protected JdbcTemplate jdbc;

  @BeforeEach
  void fixClock() {
    ClockUtil.setCurrentTime(Date.from(NOW));
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  protected void setClock(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  /** Runs {@code action} authenticated as {@code userId} with their groups, as Tasklist or REST would. */
  protected <T> T as(String userId, Supplier<T> action) {
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    identity.setAuthentication(userId, groups);
    try {
      return action.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  protected void as(String userId, Runnable action) {
    as(userId, () -> {
      action.run();
      return null;
    });
  }

  /** A complete, valid dossier for an individual direct worker without a leadership post. */
  public static Map<String, Object> dossier(String awardForm) {
    Map<String, Object> d = new HashMap<>();
    d.put("nomineeKind", "individual");
    d.put("nomineeName", "Lò Thị Mai");
    d.put("nomineePosition", "Điều dưỡng, Khoa Nội");
    d.put("holdsLeadershipPost", false);
    d.put("directWorker", true);
    d.put("awardForm", awardForm);
    d.put("movement", "lao-dong-gioi");
    d.put("round", "2026-tong-ket");
    d.put("achievements", "Hoàn thành xuất sắc nhiệm vụ năm 2026; 2 sáng kiến được công nhận.");
    d.put("initiativeCount", 2L);
    d.put("initiativeBenefit", 150_000_000L);
    d.put("meetingDate", "2026-11-10");
    d.put("meetingMembers", 25L);
    d.put("meetingPresent", 23L);
    d.put("meetingFor", 21L);
    d.put("meetingAgainst", 2L);
    d.put("meetingAbstain", 0L);
    return d;
  }

  public static Map<String, Object> collective(String awardForm) {
    Map<String, Object> d = dossier(awardForm);
    d.put("nomineeKind", "collective");
    d.put("nomineeName", "Khoa Hồi sức tích cực");
    d.remove("nomineePosition");
    d.remove("holdsLeadershipPost");
    d.remove("directWorker");
    return d;
  }

  protected ProcessInstance start(String preparer, Map<String, Object> dossier) {
    return as(preparer, () -> runtime.startProcessInstanceByKey("award-nomination", dossier));
  }

  protected Task task(ProcessInstance pi, String key) {
    Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
    assertThat(task).as("open task %s", key).isNotNull();
    return task;
  }

  /** The user claims the task (as in Tasklist) and completes it with {@code variables}. */
  protected void complete(String user, ProcessInstance pi, String key, Map<String, Object> variables) {
    Task t = task(pi, key);
    as(user, () -> {
      if (t.getAssignee() == null) {
        taskService.claim(t.getId(), user);
      }
      taskService.complete(t.getId(), variables);
    });
  }

  protected void review(String user, ProcessInstance pi, String key, String outcome, String reason) {
    Map<String, Object> vars = new HashMap<>();
    vars.put(key + "Outcome", outcome);
    if (reason != null) {
      vars.put(key + "Reason", reason);
    }
    complete(user, pi, key, vars);
  }

  protected void approve(String user, ProcessInstance pi, String key) {
    review(user, pi, key, "approve", null);
  }

  /** Executes the due jobs of the instance (async save points, due timers) as the job executor would. */
  protected void executeDueJobs(ProcessInstance pi) {
    for (int round = 0; round < 20; round++) {
      List<Job> jobs = management.createJobQuery().processInstanceId(pi.getId()).executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> management.executeJob(job.getId()));
    }
  }

  protected Map<String, Object> row(ProcessInstance pi) {
    return jdbc.queryForMap("select * from nomination where process_instance_id = ?", pi.getId());
  }

  protected Object variable(ProcessInstance pi, String name) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(name)
        .singleResult().getValue();
  }

  /** A council ballot that adds up: those present who voted neither for nor against are the abstentions. */
  public static Map<String, Object> ballot(long members, long present, long inFavour, long against) {
    return Map.of("councilMembers", members, "councilPresent", present, "councilFor", inFavour,
        "councilAgainst", against, "councilAbstain", present - inFavour - against);
  }

  /**
   * A council session of the province for exactly these nominations, each waiting at {@code awaitCouncilSession}
   * (other tests' waiting nominations are set aside first: a session takes every waiting one of the round),
   * with a ballot of 15 members, 14 present and the given votes in favour for each, the standing committee's
   * approval ({@code struck}: codes it strikes, with {@code reason}) and the decisions job executed.
   *
   * @return the session's process instance, ended
   */
  protected ProcessInstance councilSession(Map<ProcessInstance, Long> votesInFavour, String struck, String reason) {
    setAsideWaitingBut(List.copyOf(votesInFavour.keySet()));
    ProcessInstance session = openSession("thuky.tinh", 15, 14);
    votesInFavour.forEach((nomination, inFavour) -> vote(session, nomination, inFavour));
    approveList(session, struck, reason);
    executeDueJobs(session);
    return session;
  }

  /** The user opens a council session of round 2026-tong-ket with these council figures. */
  protected ProcessInstance openSession(String user, long members, long present) {
    Map<String, Object> v = new HashMap<>();
    v.put("sessionRound", "2026-tong-ket");
    v.put("sessionDate", "2026-11-20");
    v.put("sessionCouncilMembers", members);
    v.put("sessionCouncilPresent", present);
    return as(user, () -> runtime.startProcessInstanceByKey("council-session", v));
  }

  /** The council records the nomination's ballot in the session: 15 members, 14 present, the rest against. */
  protected void vote(ProcessInstance session, ProcessInstance nomination, long inFavour) {
    Task ballot = taskService.createTaskQuery().processInstanceId(session.getId()).taskDefinitionKey("sessionBallot")
        .list().stream()
        .filter(t -> nomination.getId().equals(taskService.getVariable(t.getId(), "nominationInstance")))
        .findFirst().orElseThrow(() -> new AssertionError("no ballot for " + nomination.getId()));
    as("hoidong.tinh", () -> {
      taskService.claim(ballot.getId(), "hoidong.tinh");
      taskService.complete(ballot.getId(), ballot(15, 14, inFavour, 14 - inFavour));
    });
  }

  /** The standing committee approves the session's list, striking these codes (or none) with the reason. */
  protected void approveList(ProcessInstance session, String struck, String reason) {
    Task approval = taskService.createTaskQuery().processInstanceId(session.getId())
        .taskDefinitionKey("standingApproval").singleResult();
    assertThat(approval).as("the standing committee's approval").isNotNull();
    Map<String, Object> decision = new HashMap<>();
    decision.put("standingApprovalOutcome", "approve");
    if (struck != null) {
      decision.put("standingApprovalStruck", struck);
    }
    if (reason != null) {
      decision.put("standingApprovalReason", reason);
    }
    as("thuongvu.tinh", () -> {
      taskService.claim(approval.getId(), "thuongvu.tinh");
      taskService.complete(approval.getId(), decision);
    });
  }

  /** Other tests' nominations waiting for a session are set aside: a session takes every waiting one of the round. */
  protected void setAsideWaitingBut(List<ProcessInstance> these) {
    List<String> ids = these.stream().map(ProcessInstance::getId).toList();
    jdbc.update("update nomination set status = 'SET_ASIDE' where status = 'AWAITING_SESSION' and process_instance_id not in ("
        + String.join(", ", ids.stream().map(id -> "?").toList()) + ")", ids.toArray());
  }

  /** The same for one nomination, passed by all 14 present. */
  protected ProcessInstance councilSession(ProcessInstance nomination) {
    return councilSession(Map.of(nomination, 14L), null, null);
  }
}
