package vn.congdoan.award.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import vn.congdoan.award.NominationTestSupport;

/**
 * Who may do what, through the REST API and the webapps' login, as one table: roles (columns) × actions
 * (rows), each cell {@code Y} (allowed) or {@code N} (denied), and each cell asserted.
 *
 * <p>The policy: the preparer starts nominations and sees only their own unit's revision tasks; the grassroots
 * chair sees their unit's grassroots tasks; the superior reviewer sees the tasks of its grassroots units; the
 * reviewer of another sector union sees nothing of the nomination; the provincial secretariat sees the
 * province's tasks; the auditor reads everything, history and Cockpit included, and changes nothing; the
 * administrator does everything.
 *
 * <p>Fixtures (one nomination each, of CĐCS Bệnh viện Đa khoa tỉnh under Công đoàn ngành Y tế): {@code GA}
 * waits for the chair's approval, {@code SV} for the superior vetting, {@code SEC} for the secretariat's
 * vetting, {@code REV} for the preparer's revision after the superior reviewer returned it. An allowed action
 * that changes something (complete, delete, start, deploy) acts on a fresh nomination made for that cell; an
 * allowed claim is undone after the cell; a denied action acts on the shared fixture, which must stay as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RestEngineContext
class AuthorizationMatrixTest extends NominationTestSupport {

  static final List<String> ROLES = List.of("lap.bvdk", "chutich.bvdk", "thamdinh.yte", "thamdinh.giaoduc",
      "thuky.tinh", "kiemtra.tinh", "admin");

  /**
   * The matrix. {@code Y} allowed, {@code N} denied, {@code -} not asserted (see {@link #NOT_ASSERTED}).
   * What "allowed" and "denied" mean for each action is in {@link Action}.
   */
  static final String MATRIX = """
      action           | lap.bvdk | chutich.bvdk | thamdinh.yte | thamdinh.giaoduc | thuky.tinh | kiemtra.tinh | admin
      START            |    Y     |      N       |      N       |        N         |     N      |      N       |   -
      TASK_LIST        |    Y     |      Y       |      Y       |        N         |     Y      |      Y       |   Y
      TASK_READ_GA     |    N     |      Y       |      N       |        N         |     N      |      Y       |   Y
      TASK_READ_SV     |    N     |      N       |      Y       |        N         |     N      |      Y       |   Y
      TASK_READ_SEC    |    N     |      N       |      N       |        N         |     Y      |      Y       |   Y
      TASK_READ_REV    |    Y     |      N       |      N       |        N         |     N      |      Y       |   Y
      TASK_CLAIM_GA    |    N     |      Y       |      N       |        N         |     N      |      N       |   Y
      TASK_CLAIM_SV    |    N     |      N       |      Y       |        N         |     N      |      N       |   Y
      TASK_CLAIM_SEC   |    N     |      N       |      N       |        N         |     Y      |      N       |   Y
      TASK_CLAIM_REV   |    Y     |      N       |      N       |        N         |     N      |      N       |   Y
      TASK_COMPLETE_GA |    N     |      Y       |      N       |        N         |     N      |      N       |   Y
      TASK_COMPLETE_SV |    N     |      N       |      Y       |        N         |     N      |      N       |   Y
      TASK_COMPLETE_SEC|    N     |      N       |      N       |        N         |     Y      |      N       |   Y
      TASK_COMPLETE_REV|    Y     |      N       |      N       |        N         |     N      |      N       |   Y
      INSTANCE_READ    |    N     |      N       |      N       |        N         |     N      |      Y       |   Y
      INSTANCE_DELETE  |    N     |      N       |      N       |        N         |     N      |      N       |   Y
      INSTANCE_VARS    |    N     |      N       |      N       |        N         |     N      |      Y       |   Y
      HISTORY_INSTANCE |    N     |      N       |      N       |        N         |     N      |      Y       |   Y
      HISTORY_VARS     |    N     |      N       |      N       |        N         |     N      |      Y       |   Y
      DEPLOYMENT_LIST  |    N     |      N       |      N       |        N         |     N      |      Y       |   Y
      DEPLOYMENT_CREATE|    N     |      N       |      N       |        N         |     N      |      N       |   Y
      COCKPIT          |    N     |      N       |      N       |        N         |     N      |      Y       |   Y
      ADMIN            |    N     |      N       |      N       |        N         |     N      |      Y       |   Y
      TASKLIST         |    Y     |      Y       |      Y       |        Y         |     Y      |      Y       |   Y
      COCKPIT_API      |    N     |      N       |      N       |        N         |     N      |      Y       |   Y
      """;

  /** Cells the table leaves out, and why. */
  static final Map<String, String> NOT_ASSERTED = Map.of(
      "START × admin", "the administrator is authorized to start, but belongs to no grassroots unit: the dossier is "
          + "refused with 400 (validation.noUnit), by design of the domain, not by authorization");
  // The auditor opens Admin too, read-only (Cockpit and Admin are for administrators and auditors; auditors
  // change nothing): that they cannot create users, memberships or authorizations is in HostileRequestCatalogTest.

  /** The fixture tasks and what a valid submission of each looks like. */
  enum Step {
    GA("grassrootsApproval", Map.of("grassrootsApprovalOutcome", "approve")),
    SV("superiorVetting", Map.of("superiorVettingOutcome", "approve")),
    SEC("secretariatVetting", Map.of("secretariatVettingOutcome", "approve")),
    REV("superiorVettingRevision", Map.of("nomineePosition", "Điều dưỡng trưởng, Khoa Nội"));

    final String key;
    final Map<String, Object> submission;

    Step(String key, Map<String, Object> submission) {
      this.key = key;
      this.submission = submission;
    }
  }

  /** What each action is, and how "allowed" and "denied" show. */
  enum Action {
    /** POST /process-definition/key/award-nomination/start — allowed: 200 with a code HS-…; denied: 403. */
    START,
    /** GET /task?processInstanceIdIn=(the 4 fixtures) — allowed: exactly the tasks of the role's TASK_READ_* Y
     * cells, not empty; denied: an empty list (the API filters). */
    TASK_LIST,
    /** GET /task/{id} — allowed: 200 with the task; denied: 404 (the API does not reveal the task). */
    TASK_READ_GA, TASK_READ_SV, TASK_READ_SEC, TASK_READ_REV,
    /** POST /task/{id}/claim {userId: self} — allowed: 204 and the task is theirs; denied: 403, task unchanged. */
    TASK_CLAIM_GA, TASK_CLAIM_SV, TASK_CLAIM_SEC, TASK_CLAIM_REV,
    /** POST /task/{id}/complete with a valid submission — allowed: 204 and the task is done (fresh fixture);
     * denied: 403, task still open. */
    TASK_COMPLETE_GA, TASK_COMPLETE_SV, TASK_COMPLETE_SEC, TASK_COMPLETE_REV,
    /** GET /process-instance/{SV} — allowed: 200 with the instance; denied: 404. */
    INSTANCE_READ,
    /** DELETE /process-instance/{id} — allowed: 204 and gone (fresh fixture); denied: 403, SV still running. */
    INSTANCE_DELETE,
    /** GET /process-instance/{SV}/variables — allowed: 200 with the dossier; denied: 403. */
    INSTANCE_VARS,
    /** GET /history/process-instance/{SV} — allowed: 200 with the instance; denied: 404. */
    HISTORY_INSTANCE,
    /** GET /history/variable-instance?processInstanceId={SV} — allowed: the dossier's variables; denied: empty
     * list (the API filters). */
    HISTORY_VARS,
    /** GET /deployment — allowed: the application's deployments; denied: empty list (the API filters). */
    DEPLOYMENT_LIST,
    /** POST /deployment/create (a one-event process) — allowed: 200 with the deployment; denied: 403. */
    DEPLOYMENT_CREATE,
    /** POST /camunda/api/admin/auth/user/default/login/{cockpit|admin|tasklist} with the CSRF token — allowed:
     * 200 naming the user; denied: 403 (the user exists and the password is right, the application is refused). */
    COCKPIT, ADMIN, TASKLIST,
    /** Cockpit's plugin API (province-wide counts per process definition) with the session of a Tasklist
     * login — allowed: 200 with the statistics; denied: 403. */
    COCKPIT_API
  }

  record Cell(Action action, String user, boolean allowed) {
    @Override
    public String toString() {
      return "%s × %s → %s".formatted(action, user, allowed ? "allowed" : "denied");
    }
  }

  static Map<Action, Map<String, Character>> table() {
    Map<Action, Map<String, Character>> table = new LinkedHashMap<>();
    List<String> lines = MATRIX.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    List<String> header = Arrays.stream(lines.get(0).split("\\|")).map(String::strip).toList();
    assertThat(header.subList(1, header.size())).isEqualTo(ROLES);
    for (String line : lines.subList(1, lines.size())) {
      List<String> cells = Arrays.stream(line.split("\\|")).map(String::strip).toList();
      Map<String, Character> row = new LinkedHashMap<>();
      for (int i = 1; i < cells.size(); i++) {
        row.put(header.get(i), cells.get(i).charAt(0));
      }
      table.put(Action.valueOf(cells.get(0)), row);
    }
    return table;
  }

  static Stream<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    table().forEach((action, row) -> row.forEach((user, mark) -> {
      if (mark == 'Y' || mark == 'N') {
        cells.add(new Cell(action, user, mark == 'Y'));
      }
    }));
    return cells.stream();
  }

  @Autowired TestRestTemplate rest;

  /** The shared fixtures: process instance and task id per step. */
  static Map<Step, String> instances;
  static Map<Step, String> tasks;

  @BeforeEach
  void createFixturesOnce() {
    if (instances != null) {
      return;
    }
    Map<Step, String> pis = new LinkedHashMap<>();
    Map<Step, String> ids = new LinkedHashMap<>();
    for (Step step : Step.values()) {
      ProcessInstance pi = nominationAt(step);
      pis.put(step, pi.getId());
      ids.put(step, task(pi, step.key).getId());
    }
    instances = pis;
    tasks = ids;
  }

  /** A new nomination (Bằng khen tỉnh, decided by the province) waiting at {@code step}. */
  ProcessInstance nominationAt(Step step) {
    ProcessInstance pi = start("lap.bvdk", dossier("bang-khen-tinh"));
    if (step == Step.GA) {
      return pi;
    }
    approve("chutich.bvdk", pi, "grassrootsApproval");
    if (step == Step.SV) {
      return pi;
    }
    if (step == Step.REV) {
      review("thamdinh.yte", pi, "superiorVetting", "return", "Bổ sung biên bản họp bình xét.");
      return pi;
    }
    approve("thamdinh.yte", pi, "superiorVetting");
    return pi;
  }

  /** Open tasks of nominations made or moved on by allowed cells, not part of the shared fixtures. */
  static final List<String> spare = new ArrayList<>();

  /** A task at {@code step} that no other cell uses: a spare one if there is, else of a new nomination. */
  String freshTask(Step step) {
    for (String id : List.copyOf(spare)) {
      Task t = taskService.createTaskQuery().taskId(id).singleResult();
      spare.remove(id);
      if (t != null && t.getTaskDefinitionKey().equals(step.key) && t.getAssignee() == null) {
        return id;
      }
      if (t != null) {
        spare.add(id);
      }
    }
    return task(nominationAt(step), step.key).getId();
  }

  String taskProcess(String taskId) {
    return history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult().getProcessInstanceId();
  }

  @Test
  void theTableCoversEveryRoleAndAction() {
    Map<Action, Map<String, Character>> table = table();
    assertThat(table.keySet()).containsExactlyInAnyOrder(Action.values());
    table.forEach((action, row) -> assertThat(row.keySet()).as("%s", action).containsExactlyElementsOf(ROLES));
    Set<String> left = new TreeSet<>();
    table.forEach((action, row) -> row.forEach((user, mark) -> {
      if (mark == '-') {
        left.add(action + " × " + user);
      }
    }));
    assertThat(left).isEqualTo(NOT_ASSERTED.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cells")
  void eachCellOfTheMatrixHolds(Cell cell) {
    String user = cell.user();
    boolean allowed = cell.allowed();
    switch (cell.action()) {
      case START -> {
        long before = history.createHistoricProcessInstanceQuery().count();
        ResponseEntity<Map> r = client(user).post(START_PATH, Map.of("variables", RestClient.typed(dossier("giay-khen"))));
        if (allowed) {
          assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(200);
          assertThat((String) r.getBody().get("businessKey")).matches("HS-2026-\\d{5}");
        } else {
          assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(403);
          assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
        }
      }
      case TASK_LIST -> {
        String ids = String.join(",", instances.values());
        ResponseEntity<List> r = client(user).getList("/engine-rest/task?processInstanceIdIn=" + ids);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        Set<String> seen = ((List<Map<String, Object>>) r.getBody()).stream()
            .map(t -> (String) t.get("taskDefinitionKey")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> readable = Arrays.stream(Step.values())
            .filter(s -> table().get(Action.valueOf("TASK_READ_" + s.name())).get(user) == 'Y')
            .map(s -> s.key).collect(Collectors.toCollection(TreeSet::new));
        if (allowed) {
          assertThat(seen).isNotEmpty().isEqualTo(readable);
        } else {
          assertThat(seen).isEmpty();
        }
      }
      case TASK_READ_GA, TASK_READ_SV, TASK_READ_SEC, TASK_READ_REV -> {
        Step step = step(cell.action());
        ResponseEntity<Map> r = client(user).get("/engine-rest/task/" + tasks.get(step));
        if (allowed) {
          assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(200);
          assertThat(r.getBody().get("taskDefinitionKey")).isEqualTo(step.key);
        } else {
          assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(404);
          assertThat((String) r.getBody().get("message")).contains("No matching task with id");
        }
      }
      case TASK_CLAIM_GA, TASK_CLAIM_SV, TASK_CLAIM_SEC, TASK_CLAIM_REV -> {
        String id = tasks.get(step(cell.action()));
        ResponseEntity<Map> r = client(user).post("/engine-rest/task/" + id + "/claim", Map.of("userId", user));
        try {
          if (allowed) {
            assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(204);
            assertThat(taskService.createTaskQuery().taskId(id).singleResult().getAssignee()).isEqualTo(user);
          } else {
            assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(403);
            assertThat(taskService.createTaskQuery().taskId(id).singleResult().getAssignee()).isNull();
          }
        } finally {
          taskService.setAssignee(id, null); // the engine itself: the next cell finds the task unclaimed
        }
      }
      case TASK_COMPLETE_GA, TASK_COMPLETE_SV, TASK_COMPLETE_SEC, TASK_COMPLETE_REV -> {
        Step step = step(cell.action());
        String id = allowed ? freshTask(step) : tasks.get(step);
        ResponseEntity<Map> r = client(user).post("/engine-rest/task/" + id + "/complete",
            Map.of("variables", RestClient.typed(step.submission)));
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(allowed ? 204 : 403);
        assertThat(taskService.createTaskQuery().taskId(id).count()).isEqualTo(allowed ? 0 : 1);
        if (allowed) {
          // the approved nomination moved on: its next task serves the next allowed completion of that step
          Task next = taskService.createTaskQuery().processInstanceId(taskProcess(id)).singleResult();
          if (next != null) {
            spare.add(next.getId());
          }
        }
      }
      case INSTANCE_READ -> {
        ResponseEntity<Map> r = client(user).get("/engine-rest/process-instance/" + instances.get(Step.SV));
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(allowed ? 200 : 404);
        if (allowed) {
          assertThat(r.getBody().get("id")).isEqualTo(instances.get(Step.SV));
        }
      }
      case INSTANCE_DELETE -> {
        String id = allowed ? nominationAt(Step.SV).getId() : instances.get(Step.SV);
        ResponseEntity<Map> r = client(user).exchange(HttpMethod.DELETE, "/engine-rest/process-instance/" + id, null, Map.class);
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(allowed ? 204 : 403);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(id).count()).isEqualTo(allowed ? 0 : 1);
      }
      case INSTANCE_VARS -> {
        ResponseEntity<Map> r = client(user).get("/engine-rest/process-instance/" + instances.get(Step.SV) + "/variables");
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(allowed ? 200 : 403);
        if (allowed) {
          assertThat(r.getBody()).containsKeys("nomineeName", "grassrootsUnit");
        }
      }
      case HISTORY_INSTANCE -> {
        ResponseEntity<Map> r = client(user).get("/engine-rest/history/process-instance/" + instances.get(Step.SV));
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(allowed ? 200 : 404);
        if (allowed) {
          assertThat(r.getBody().get("businessKey")).asString().startsWith("HS-2026-");
        }
      }
      case HISTORY_VARS -> {
        ResponseEntity<List> r = client(user).getList("/engine-rest/history/variable-instance?processInstanceId="
            + instances.get(Step.SV));
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        List<String> names = ((List<Map<String, Object>>) r.getBody()).stream().map(v -> (String) v.get("name")).toList();
        if (allowed) {
          assertThat(names).contains("nomineeName", "grassrootsApprovalOutcome");
        } else {
          assertThat(names).isEmpty();
        }
      }
      case DEPLOYMENT_LIST -> {
        ResponseEntity<List> r = client(user).getList("/engine-rest/deployment");
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        if (allowed) {
          assertThat(r.getBody()).isNotEmpty();
        } else {
          assertThat(r.getBody()).isEmpty();
        }
      }
      case DEPLOYMENT_CREATE -> {
        long before = engine.getRepositoryService().createDeploymentQuery().count();
        ResponseEntity<Map> r = deploy(user);
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(allowed ? 200 : 403);
        assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(allowed ? before + 1 : before);
      }
      case COCKPIT, ADMIN, TASKLIST -> {
        ResponseEntity<String> r = webappLogin(user, cell.action().name().toLowerCase());
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(allowed ? 200 : 403);
        if (allowed) {
          assertThat(r.getBody()).contains("\"userId\":\"" + user + "\"");
        }
      }
      case COCKPIT_API -> {
        ResponseEntity<String> login = webappLogin(user, "tasklist");
        assertThat(login.getStatusCode().value()).isEqualTo(200);
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        headers.set(HttpHeaders.COOKIE, login.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
            .map(c -> c.split(";", 2)[0]).collect(Collectors.joining("; ")));
        ResponseEntity<String> r = rest.exchange("/camunda/api/cockpit/plugin/base/default/process-definition/statistics",
            HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(allowed ? 200 : 403);
        assertThat(r.getBody()).contains(allowed ? "award-nomination" : "Chỉ quản trị viên và cán bộ kiểm tra");
      }
      default -> throw new IllegalStateException(cell.action().name());
    }
  }

  static final String START_PATH = "/engine-rest/process-definition/key/award-nomination/start";

  static Step step(Action action) {
    String name = action.name();
    return Step.valueOf(name.substring(name.lastIndexOf('_') + 1));
  }

  RestClient client(String user) {
    return new RestClient(rest, user, "demo");
  }

  ResponseEntity<Map> deploy(String user) {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", "matrix-" + user);
    parts.add("matrix.bpmn", RestClient.file("matrix.bpmn", """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://example.org/matrix">
          <process id="matrix-probe" isExecutable="true" camunda:historyTimeToLive="1">
            <startEvent id="s"/><sequenceFlow id="f" sourceRef="s" targetRef="e"/><endEvent id="e"/>
          </process>
        </definitions>"""));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.setBasicAuth(user, "demo");
    return rest.postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, headers), Map.class);
  }


  /**
   * Logs in to a webapp as its login page does: the page's GET gives the session and the CSRF token
   * (cookie {@code XSRF-TOKEN}), the login POST sends them back with the header {@code X-XSRF-TOKEN}.
   */
  ResponseEntity<String> webappLogin(String user, String app) {
    ResponseEntity<String> page = rest.getForEntity("/camunda/app/" + app + "/default/", String.class);
    Map<String, String> cookies = new LinkedHashMap<>();
    for (String setCookie : page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
      String pair = setCookie.split(";", 2)[0];
      cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    assertThat(cookies).as("cookies of the %s page", app).containsKey("XSRF-TOKEN");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    headers.set("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
    headers.set(HttpHeaders.COOKIE, cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; ")));
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", user);
    form.add("password", "demo");
    return rest.postForEntity("/camunda/api/admin/auth/user/default/login/" + app, new HttpEntity<>(form, headers),
        String.class);
  }
}
