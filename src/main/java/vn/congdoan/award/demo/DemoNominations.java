package vn.congdoan.award.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.congdoan.award.support.BusinessClock;

/**
 * A first run shows something: when demo data is on and there is no nomination yet, a few nominations are
 * filed by the demo users and moved to different steps, exactly as people would in Tasklist (same
 * validation, same listeners). Nothing happens when no award round is open today.
 */
@Component
@ConditionalOnProperty(name = "award.demo.nominations", havingValue = "true")
public class DemoNominations {
  private static final Logger LOG = LoggerFactory.getLogger(DemoNominations.class);

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;
  private final ManagementService management;
  private final JdbcTemplate jdbc;
  private final BusinessClock clock;

  public DemoNominations(RuntimeService runtime, TaskService tasks, IdentityService identity,
      ManagementService management, JdbcTemplate jdbc, BusinessClock clock) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.identity = identity;
    this.management = management;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Before support.StartupLock lets the next node start, so that only the first files them. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(0)
  public void fileDemoNominations() {
    if (jdbc.queryForObject("select count(*) from nomination", Long.class) > 0) {
      return;
    }
    List<String> open = jdbc.queryForList(
        "select code from award_round where opens_on <= ? and closes_on >= ? order by case when kind = 'ANNUAL' then 0 else 1 end, opens_on",
        String.class, clock.today(), clock.today());
    if (open.isEmpty()) {
      LOG.info("No award round is open today: no demo nominations filed");
      return;
    }
    String round = open.get(0);
    // waits for the chair of CĐCS Bệnh viện Đa khoa tỉnh
    start("lap.bvdk", dossier(round, "bang-khen-tinh", "Lò Thị Mai", "Điều dưỡng trưởng Khoa Nội", false, true));
    // waits for Công đoàn ngành Giáo dục's vetting
    ProcessInstance teacher = start("lap.lqd",
        dossier(round, "giay-khen", "Nguyễn Văn Khánh", "Giáo viên Vật lý", false, true));
    complete("chutich.lqd", teacher, "grassrootsApproval", Map.of("grassrootsApprovalOutcome", "approve"));
    // a unit directly under the province: waits for the provincial secretariat
    ProcessInstance tea = start("lap.che", collective(round, "co-thi-dua-tinh", "Đội sản xuất chè số 3"));
    complete("chutich.che", tea, "grassrootsApproval", Map.of("grassrootsApprovalOutcome", "approve"));
    // returned for revision by the superior unit: waits for the preparer
    ProcessInstance nurse = start("lap.bvdk",
        dossier(round, "giay-khen", "Vàng A Sử", "Hộ lý Khoa Nhi", false, true));
    complete("chutich.bvdk", nurse, "grassrootsApproval", Map.of("grassrootsApprovalOutcome", "approve"));
    complete("thamdinh.yte", nurse, "superiorVetting", Map.of("superiorVettingOutcome", "return",
        "superiorVettingReason", "Đề nghị bổ sung biên bản họp bình xét có chữ ký của chủ tọa."));
    // decided: a Giấy khen of Công đoàn ngành Y tế with its number and money
    ProcessInstance decided = start("lap.cdc",
        dossier(round, "giay-khen", "Phạm Thị Thu", "Kỹ thuật viên xét nghiệm", false, true));
    complete("chutich.cdc", decided, "grassrootsApproval", Map.of("grassrootsApprovalOutcome", "approve"));
    complete("thamdinh.yte", decided, "superiorVetting", Map.of("superiorVettingOutcome", "approve"));
    complete("chutich.yte", decided, "superiorDecision", Map.of("superiorDecisionOutcome", "approve"));
    management.createJobQuery().processInstanceId(decided.getId()).activityId("issueSuperiorDecision").list()
        .forEach(job -> management.executeJob(job.getId()));
    // vetted at the province, waits for a council session (Giấy khen of a unit under the province: no notice)
    ProcessInstance picker = start("lap.che",
        dossier(round, "giay-khen", "Lò Văn Thắng", "Công nhân hái chè", false, true));
    complete("chutich.che", picker, "grassrootsApproval", Map.of("grassrootsApprovalOutcome", "approve"));
    complete("thuky.tinh", picker, "secretariatVetting", Map.of("secretariatVettingOutcome", "approve"));
    LOG.info("Filed 6 demo nominations in round {}", round);
  }

  private static Map<String, Object> dossier(String round, String awardForm, String name, String position,
      boolean leader, boolean directWorker) {
    Map<String, Object> d = new HashMap<>();
    d.put("nomineeKind", "individual");
    d.put("nomineeName", name);
    d.put("nomineePosition", position);
    d.put("holdsLeadershipPost", leader);
    d.put("directWorker", directWorker);
    d.put("awardForm", awardForm);
    d.put("movement", "lao-dong-gioi");
    d.put("round", round);
    d.put("achievements", "Hoàn thành xuất sắc nhiệm vụ được giao; tích cực tham gia phong trào thi đua của công đoàn.");
    d.put("initiativeCount", 1L);
    d.put("initiativeBenefit", 25_000_000L);
    d.put("meetingDate", "2026-11-10");
    d.put("meetingMembers", 25L);
    d.put("meetingPresent", 23L);
    d.put("meetingFor", 21L);
    d.put("meetingAgainst", 2L);
    d.put("meetingAbstain", 0L);
    return d;
  }

  private static Map<String, Object> collective(String round, String awardForm, String name) {
    Map<String, Object> d = dossier(round, awardForm, name, null, false, false);
    d.put("nomineeKind", "collective");
    d.remove("nomineePosition");
    return d;
  }

  private ProcessInstance start(String user, Map<String, Object> dossier) {
    return as(user, () -> runtime.startProcessInstanceByKey("award-nomination", dossier));
  }

  private void complete(String user, ProcessInstance pi, String step, Map<String, Object> variables) {
    as(user, () -> {
      Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(step).singleResult();
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), variables);
      return null;
    });
  }

  private <T> T as(String user, java.util.function.Supplier<T> work) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    identity.setAuthentication(user, groups);
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }
}
