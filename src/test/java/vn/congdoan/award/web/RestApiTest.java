package vn.congdoan.award.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import vn.congdoan.award.NominationTestSupport;

/**
 * The REST API as a portal uses it: authenticated starts, Vietnamese validation messages with 400 and
 * nothing stored, and a reviewer who sees and completes only the tasks of the units their groups cover.
 * The engine's clock is fixed by the test support and serves the server's threads too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RestEngineContext
class RestApiTest extends NominationTestSupport {
  @Autowired TestRestTemplate rest;
  @Autowired HistoryService historyService;
  @Autowired JdbcTemplate jdbcTemplate;

  RestClient as(String user) {
    return new RestClient(rest, user, "demo");
  }

  ResponseEntity<Map> startAs(String user, Map<String, Object> dossier) {
    return as(user).post("/engine-rest/process-definition/key/award-nomination/start",
        Map.of("variables", RestClient.typed(dossier)));
  }

  @Test
  void anAnonymousRequestIsRefusedWith401() {
    ResponseEntity<Map> response = new RestClient(rest, null, null).get("/engine-rest/task/count");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aWrongPasswordIsRefusedWith401() {
    // (a user no other test logs in as: Camunda delays the next login of a user after a wrong password)
    ResponseEntity<Map> response = new RestClient(rest, "chutich.cdc", "wrong").get("/engine-rest/task/count");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aPreparerStartsANominationThroughTheRestApi() {
    ResponseEntity<Map> response = startAs("lap.bvdk", dossier("giay-khen"));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((String) response.getBody().get("businessKey")).matches("HS-\\d{4}-\\d{5}");
    String id = (String) response.getBody().get("id");
    assertThat(jdbcTemplate.queryForObject("select unit_code from nomination where process_instance_id = ?",
        String.class, id)).isEqualTo("cs_bvdk_tinh");
  }

  @Test
  void anInvalidDossierGets400WithVietnameseMessagesAndLeavesNoTrace() {
    long instances = historyService.createHistoricProcessInstanceQuery().count();
    Map<String, Object> bad = dossier("giay-khen");
    bad.put("meetingPresent", 30L); // more present than members
    bad.put("nomineeName", "x".repeat(201));

    ResponseEntity<Map> response = startAs("lap.bvdk", bad);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("type")).isEqualTo("ValidationError");
    assertThat((List<String>) response.getBody().get("violations"))
        .anySatisfy(m -> assertThat(m).contains("không được dài quá 200 ký tự"));
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
  }

  @Test
  void aCrossFieldRuleFromDmnGets400WithItsVietnameseSentence() {
    Map<String, Object> bad = dossier("giay-khen");
    bad.put("meetingPresent", 30L); // more present than the 25 members
    ResponseEntity<Map> response = startAs("lap.bvdk", bad);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<String>) response.getBody().get("violations")).isNotEmpty()
        .allSatisfy(m -> assertThat(m).matches(".*[àáảãạăâđêôơưốồổỗộớờởỡợ].*"));
  }

  @Test
  void aReviewerSeesAndCompletesOnlyTheTasksOfTheirOwnUnits() {
    String pi = (String) startAs("lap.bvdk", dossier("giay-khen")).getBody().get("id");
    String chairTask = taskId("chutich.bvdk", pi);
    assertThat(as("chutich.bvdk").post("/engine-rest/task/" + chairTask + "/claim", Map.of("userId", "chutich.bvdk"))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(as("chutich.bvdk").post("/engine-rest/task/" + chairTask + "/complete",
        Map.of("variables", RestClient.typed(Map.of("grassrootsApprovalOutcome", "approve"))))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    // the superior reviewer of another sector union sees nothing and cannot act on it
    assertThat(as("thamdinh.giaoduc").getList("/engine-rest/task?processInstanceId=" + pi).getBody()).isEmpty();
    String vettingTask = taskId("thamdinh.yte", pi);
    ResponseEntity<Map> foreign = as("thamdinh.giaoduc").post("/engine-rest/task/" + vettingTask + "/complete",
        Map.of("variables", RestClient.typed(Map.of("superiorVettingOutcome", "approve"))));
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<Map> claim = as("thamdinh.giaoduc").post("/engine-rest/task/" + vettingTask + "/claim",
        Map.of("userId", "thamdinh.giaoduc"));
    assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    // its own reviewer completes it; without a reason a rejection is refused in Vietnamese
    ResponseEntity<Map> noReason = as("thamdinh.yte").post("/engine-rest/task/" + vettingTask + "/complete",
        Map.of("variables", RestClient.typed(Map.of("superiorVettingOutcome", "reject"))));
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<String>) noReason.getBody().get("violations"))
        .containsExactly("Vui lòng ghi lý do khi trả lại hoặc không đề nghị hồ sơ.");
    assertThat(as("thamdinh.yte").post("/engine-rest/task/" + vettingTask + "/complete",
        Map.of("variables", RestClient.typed(Map.of("superiorVettingOutcome", "approve"))))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void aStepRefusesValuesItsFormDoesNotAskForThroughEveryApi() {
    String pi = (String) startAs("lap.bvdk", dossier("giay-khen")).getBody().get("id");
    String task = taskId("chutich.bvdk", pi);
    as("chutich.bvdk").post("/engine-rest/task/" + task + "/claim", Map.of("userId", "chutich.bvdk"));

    // a decision number and a ballot sent with the chair's approval
    ResponseEntity<Map> forged = as("chutich.bvdk").post("/engine-rest/task/" + task + "/complete",
        Map.of("variables", RestClient.typed(Map.of("grassrootsApprovalOutcome", "approve",
            "decisionNumber", "Số: 999/QĐ-LĐLĐ", "councilFor", 15L))));
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<String>) forged.getBody().get("violations"))
        .containsExactly("Bước «Chủ tịch CĐCS duyệt» không nhận các trường: councilFor, decisionNumber. "
            + "Chỉ gửi các trường có trên biểu mẫu của bước này.");
    // the same through submit-form (Tasklist's way) and by setting task variables before completing
    assertThat(as("chutich.bvdk").post("/engine-rest/task/" + task + "/submit-form",
        Map.of("variables", RestClient.typed(Map.of("grassrootsApprovalOutcome", "approve", "grassrootsUnit", "cs_thpt_lqd"))))
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(as("chutich.bvdk").post("/engine-rest/task/" + task + "/variables",
        Map.of("modifications", RestClient.typed(Map.of("awardMoney", 1_000_000_000L))))
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(as("chutich.bvdk").exchange(org.springframework.http.HttpMethod.PUT,
        "/engine-rest/task/" + task + "/variables/superiorUnit", Map.of("value", "cdn_giaoduc", "type", "String"), Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    // nothing of it was stored, and the task is still there to be done properly
    for (String name : List.of("decisionNumber", "councilFor", "awardMoney")) {
      assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName(name).count())
          .as(name).isZero();
    }
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName("grassrootsUnit")
        .singleResult().getValue()).isEqualTo("cs_bvdk_tinh");
    assertThat(as("chutich.bvdk").post("/engine-rest/task/" + task + "/complete",
        Map.of("variables", RestClient.typed(Map.of("grassrootsApprovalOutcome", "approve"))))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void aDossierCannotBringValuesTheStartFormDoesNotAskFor() {
    long instances = historyService.createHistoricProcessInstanceQuery().count();
    Map<String, Object> forged = dossier("giay-khen");
    forged.put("lastReviewer_superiorVetting", "thamdinh.yte");
    forged.put("decisionNumber", "Số: 1/QĐ-LĐLĐ");
    ResponseEntity<Map> response = startAs("lap.bvdk", forged);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<String>) response.getBody().get("violations"))
        .anySatisfy(m -> assertThat(m).contains("decisionNumber, lastReviewer_superiorVetting"));
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
  }

  @Test
  void expressionsInADossierAreStoredAsTextAndNeverEvaluated() {
    Map<String, Object> d = dossier("giay-khen");
    d.put("nomineeName", "${execution.setVariable('awardMoney', 999)} #{groups.of('tinh', 'standing')}");
    d.put("achievements", "<script>alert(1)</script> ${1+1}");
    String pi = (String) startAs("lap.bvdk", d).getBody().get("id");
    assertThat(runtime.getVariable(pi, "nomineeName"))
        .isEqualTo("${execution.setVariable('awardMoney', 999)} #{groups.of('tinh', 'standing')}");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName("awardMoney").count())
        .isZero();
    assertThat(jdbcTemplate.queryForObject("select nominee_name from nomination where process_instance_id = ?",
        String.class, pi)).startsWith("${execution");
  }

  @Test
  void aJavaSerializedObjectVariableIsRefused() {
    Map<String, Object> variables = new java.util.HashMap<>(RestClient.typed(dossier("giay-khen")));
    variables.put("payload", Map.of("value", "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA==", "type", "Object",
        "valueInfo", Map.of("objectTypeName", "java.util.HashMap",
            "serializationDataFormat", "application/x-java-serialized-object")));
    ResponseEntity<Map> response = as("lap.bvdk").post("/engine-rest/process-definition/key/award-nomination/start",
        Map.of("variables", variables));
    assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("message").toString()).contains("tuần tự hóa");
    assertThat(historyService.createHistoricVariableInstanceQuery().variableName("payload").count()).isZero();
  }

  @Test
  void nobodyButAnAdministratorStartsAnInstanceAtAChosenStep() {
    long instances = historyService.createHistoricProcessInstanceQuery().count();
    long decisions = jdbcTemplate.queryForObject("select count(*) from sequence_counter", Long.class);
    ResponseEntity<Map> response = as("lap.bvdk").post("/engine-rest/process-definition/key/award-nomination/start",
        Map.of("variables", RestClient.typed(dossier("bang-khen-tinh")),
            "startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "provinceDecided"))));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getBody().get("message").toString()).contains("Chỉ quản trị viên");
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
    assertThat(jdbcTemplate.queryForObject("select count(*) from sequence_counter", Long.class)).isEqualTo(decisions);
  }

  @Test
  void aPreparerCannotFileInAnotherPersonsName() {
    Map<String, Object> d = dossier("giay-khen");
    d.put("preparer", "lap.lqd");
    ResponseEntity<Map> response = startAs("lap.bvdk", d);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((List<String>) response.getBody().get("violations")).anySatisfy(m -> assertThat(m).contains("preparer"));
  }

  @Test
  void aBodyTheAppsOwnApiCannotReadGets400InVietnamese() {
    ResponseEntity<Map> response = as("lap.bvdk").exchange(org.springframework.http.HttpMethod.PUT,
        "/api/me/mail-preference", "{\"mode\": [\"digest\"", Map.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody().get("message").toString()).contains("không đọc được");
  }

  @Test
  void anUnknownTaskIs404NotAServerError() {
    for (String action : List.of("complete", "submit-form", "claim")) {
      ResponseEntity<Map> response = as("chutich.bvdk").post("/engine-rest/task/khong-co/" + action,
          action.equals("claim") ? Map.of("userId", "chutich.bvdk") : Map.of("variables", Map.of()));
      assertThat(response.getStatusCode()).as(action).isEqualTo(HttpStatus.NOT_FOUND);
    }
  }

  /** The one task of the instance that {@code user} can see. */
  private String taskId(String user, String processInstanceId) {
    List<Map<String, Object>> tasks = as(user).getList("/engine-rest/task?processInstanceId=" + processInstanceId).getBody();
    assertThat(tasks).as("tasks %s sees", user).hasSize(1);
    return (String) tasks.get(0).get("id");
  }
}
