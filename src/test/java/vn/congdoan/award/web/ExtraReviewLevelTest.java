package vn.congdoan.award.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import vn.congdoan.award.NominationTestSupport;

/**
 * An administrator adds a review level — the province's inspection committee after the secretariat's
 * vetting, with its own candidate group and its own form — and deploys it through the REST API as
 * Camunda Modeler does. A nomination then runs through the new level to its decision with no Java change:
 * the new role is configuration, the level is BPMN, its form is a .form file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@RestEngineContext
@TestPropertySource(properties = {
    "award.organization.roles.inspection.unit-kind=PROVINCE",
    "award.organization.roles.inspection.name=Ủy ban Kiểm tra"})
class ExtraReviewLevelTest extends NominationTestSupport {
  static final String EXTRA = "inspectionReview";

  @Autowired TestRestTemplate rest;
  @Autowired IdentityService identityService;

  RestClient as(String user) {
    return new RestClient(rest, user, "demo");
  }

  /** The shipped process with one more user task between the secretariat's approval and what followed it. */
  static String withExtraLevel() throws Exception {
    BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/award-nomination.bpmn"));
    SequenceFlow approved = model.getModelElementsByType(SequenceFlow.class).stream()
        .filter(f -> f.getConditionExpression() != null
            && f.getConditionExpression().getTextContent().contains("secretariatVettingOutcome == 'approve'"))
        .findFirst().orElseThrow();
    FlowNode next = approved.getTarget();
    SubProcess scope = (SubProcess) approved.getParentElement();

    UserTask task = model.newInstance(UserTask.class);
    task.setId(EXTRA);
    task.setName("Ủy ban Kiểm tra rà soát");
    task.setCamundaCandidateGroups("${groups.of(provinceUnit, 'inspection')}");
    task.setCamundaFormRef("inspection-review");
    task.setCamundaFormRefBinding("latest");
    task.setCamundaDueDate("${workingDays.dueIn(5)}");
    scope.addChildElement(task);
    ExclusiveGateway gateway = model.newInstance(ExclusiveGateway.class);
    gateway.setId("inspectionReviewGateway");
    gateway.setName("Kết quả rà soát?");
    scope.addChildElement(gateway);

    approved.setTarget(task);
    flow(model, scope, "toInspectionGateway", task, gateway, null);
    flow(model, scope, "inspectionApproved", gateway, next, "${inspectionReviewOutcome == 'approve'}");
    FlowNode rejected = model.getModelElementById("rejectedJoin");
    flow(model, scope, "inspectionRejected", gateway, rejected, "${inspectionReviewOutcome == 'reject'}");
    return Bpmn.convertToString(model);
  }

  static void flow(BpmnModelInstance model, SubProcess scope, String id, FlowNode from, FlowNode to, String condition) {
    SequenceFlow f = model.newInstance(SequenceFlow.class);
    f.setId(id);
    scope.addChildElement(f);
    f.setSource(from);
    f.setTarget(to);
    if (condition != null) {
      ConditionExpression c = model.newInstance(ConditionExpression.class);
      c.setTextContent(condition);
      f.setConditionExpression(c);
    }
  }

  static final String FORM = """
      {"id": "inspection-review", "type": "default", "schemaVersion": 16,
       "executionPlatform": "Camunda Platform", "executionPlatformVersion": "7.24.0",
       "components": [
         {"id": "Field_name", "key": "nomineeName", "type": "textfield", "label": "Người được đề nghị", "disabled": true},
         {"id": "Field_outcome", "key": "inspectionReviewOutcome", "type": "radio", "label": "Kết quả rà soát",
          "validate": {"required": true},
          "values": [{"label": "Không có vi phạm", "value": "approve"}, {"label": "Có vi phạm – không đề nghị", "value": "reject"}]},
         {"id": "Field_reason", "key": "inspectionReviewReason", "type": "textarea", "label": "Ý kiến", "validate": {"maxLength": 2000}}
       ]}""";

  ResponseEntity<Map> deploy(String user) throws Exception {
    MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
    parts.add("deployment-name", "award-nomination-with-inspection");
    parts.add("deploy-changed-only", "true");
    parts.add("award-nomination.bpmn", RestClient.file("award-nomination.bpmn", withExtraLevel()));
    parts.add("inspection-review.form", RestClient.file("inspection-review.form", FORM));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    headers.setBasicAuth(user, "demo");
    return rest.postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, headers), Map.class);
  }


  @Test
  void aNewReviewLevelDeployedThroughRestRunsToTheDecisionWithNoJavaChange() throws Exception {
    ResponseEntity<Map> deployed = deploy("admin");
    assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);

    // the member of the new group: what an administrator does in Camunda Admin
    User inspector = identityService.newUser("kiemtra.uykt");
    inspector.setFirstName("Lường Văn");
    inspector.setLastName("Kiểm");
    inspector.setPassword("demo");
    inspector.setEmail("kiemtra.uykt@congdoan-laichau.example");
    identityService.saveUser(inspector);
    identityService.createMembership("kiemtra.uykt", "tinh-inspection");

    String pi = (String) as("lap.bvdk").post("/engine-rest/process-definition/key/award-nomination/start",
        Map.of("variables", RestClient.typed(dossier("bang-khen-tinh")))).getBody().get("id");
    completeAs("chutich.bvdk", pi, Map.of("grassrootsApprovalOutcome", "approve"));
    completeAs("thamdinh.yte", pi, Map.of("superiorVettingOutcome", "approve"));
    completeAs("thuky.tinh", pi, Map.of("secretariatVettingOutcome", "approve"));

    // the new level: only its group sees it; its form's rules are enforced on the server
    assertThat(as("thuky.tinh").getList("/engine-rest/task?processInstanceId=" + pi).getBody()).isEmpty();
    List<Map<String, Object>> tasks = as("kiemtra.uykt").getList("/engine-rest/task?processInstanceId=" + pi).getBody();
    assertThat(tasks).extracting(t -> t.get("taskDefinitionKey")).containsExactly(EXTRA);
    String taskId = (String) tasks.get(0).get("id");
    ResponseEntity<Map> invalid = as("kiemtra.uykt").post("/engine-rest/task/" + taskId + "/complete",
        Map.of("variables", RestClient.typed(Map.of("inspectionReviewOutcome", "maybe"))));
    assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(invalid.getBody().get("message").toString()).contains("Kết quả rà soát");
    // the new level mails its group like every other level, with nothing written for it
    assertThat(jdbc.queryForObject("select count(*) from mail_message where process_instance_id = ? "
        + "and recipient_user = 'kiemtra.uykt' and template = 'task-waiting'", Long.class, pi)).isEqualTo(1L);
    completeAs("kiemtra.uykt", pi, Map.of("inspectionReviewOutcome", "approve"));

    // then on as before, to the decision
    setClock(java.time.Instant.parse("2026-12-31T00:00:00Z"));
    management.createJobQuery().processInstanceId(pi).executable().list()
        .forEach(job -> management.executeJob(job.getId()));
    councilSession(runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult());

    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult().getEndTime()).isNotNull();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pi).list().stream()
        .map(a -> a.getActivityId()).collect(Collectors.toSet())).contains(EXTRA, "provinceDecided", "endAwarded");
    assertThat(jdbc.queryForObject("select status from nomination where process_instance_id = ?", String.class, pi))
        .isEqualTo("AWARDED");
    assertThat(jdbc.queryForObject("select count(*) from nomination_review where process_instance_id = ? and step = ?",
        Long.class, pi, EXTRA)).isEqualTo(1L);
  }

  @Test
  void aReviewerCannotDeploy() throws Exception {
    assertThat(deploy("thamdinh.yte").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  private void completeAs(String user, String pi, Map<String, Object> variables) {
    List<Map<String, Object>> tasks = as(user).getList("/engine-rest/task?processInstanceId=" + pi).getBody();
    assertThat(tasks).as("tasks of %s", user).hasSize(1);
    String id = (String) tasks.get(0).get("id");
    as(user).post("/engine-rest/task/" + id + "/claim", Map.of("userId", user));
    ResponseEntity<Map> done = as(user).post("/engine-rest/task/" + id + "/complete",
        Map.of("variables", RestClient.typed(variables)));
    assertThat(done.getStatusCode()).as("completion by %s: %s", user, done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }
}
