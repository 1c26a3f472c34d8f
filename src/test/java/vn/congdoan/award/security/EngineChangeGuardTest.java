package vn.congdoan.award.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import vn.congdoan.award.NominationTestSupport;
import vn.congdoan.award.form.InputValidationException;

/**
 * The engine-change guard judges what a user's command does, not which command it is. A small process with
 * every way out of a user task (an error boundary, an escalation boundary, a message boundary, a signal
 * boundary) is given to a user with full rights on its instances: completing the task works, every other
 * way of ending or moving it is refused and leaves the instance where it was; an administrator may.
 */
@SpringBootTest
@ActiveProfiles("test")
class EngineChangeGuardTest extends NominationTestSupport {
  static final String USER = "guard.probe";
  static final String PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://example.org/guard">
        <error id="err" errorCode="skip"/>
        <escalation id="esc" escalationCode="jump"/>
        <message id="msg" name="guardJump"/>
        <signal id="sig" name="guardSignal"/>
        <process id="guard-probe" isExecutable="true" camunda:historyTimeToLive="1">
          <startEvent id="start"/>
          <sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
          <userTask id="work" name="Việc thử" camunda:candidateUsers="guard.probe"/>
          <sequenceFlow id="f2" sourceRef="work" targetRef="done"/>
          <endEvent id="done"/>
          <boundaryEvent id="onError" attachedToRef="work"><errorEventDefinition errorRef="err"/></boundaryEvent>
          <sequenceFlow id="f3" sourceRef="onError" targetRef="skipped"/>
          <endEvent id="skipped"/>
          <boundaryEvent id="onEscalation" attachedToRef="work"><escalationEventDefinition escalationRef="esc"/></boundaryEvent>
          <sequenceFlow id="f4" sourceRef="onEscalation" targetRef="jumped"/>
          <endEvent id="jumped"/>
          <boundaryEvent id="onMessage" attachedToRef="work"><messageEventDefinition messageRef="msg"/></boundaryEvent>
          <sequenceFlow id="f5" sourceRef="onMessage" targetRef="messaged"/>
          <endEvent id="messaged"/>
          <boundaryEvent id="onSignal" attachedToRef="work"><signalEventDefinition signalRef="sig"/></boundaryEvent>
          <sequenceFlow id="f6" sourceRef="onSignal" targetRef="signalled"/>
          <endEvent id="signalled"/>
        </process>
      </definitions>""";

  String deployment;
  ProcessInstance pi;
  Task task;

  @BeforeEach
  void deployAndStart() {
    deployment = engine.getRepositoryService().createDeployment().name("guard-probe")
        .addString("guard-probe.bpmn", PROCESS).deploy().getId();
    identity.saveUser(identity.newUser(USER));
    // every right on the probe's instances and tasks: only the guard stands in the way
    for (var resource : List.of(Resources.PROCESS_DEFINITION, Resources.PROCESS_INSTANCE, Resources.TASK)) {
      Authorization grant = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setUserId(USER);
      grant.setResource(resource);
      grant.setResourceId("*");
      grant.addPermission(Permissions.ALL);
      engine.getAuthorizationService().saveAuthorization(grant);
    }
    pi = runtime.startProcessInstanceByKey("guard-probe");
    task = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
  }

  @AfterEach
  void cleanUp() {
    engine.getAuthorizationService().createAuthorizationQuery().userIdIn(USER).list()
        .forEach(a -> engine.getAuthorizationService().deleteAuthorization(a.getId()));
    identity.deleteUser(USER);
    engine.getRepositoryService().deleteDeployment(deployment, true);
  }

  void assertStillWaiting() {
    Task now = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    assertThat(now).as("the task is still open").isNotNull();
    assertThat(now.getId()).isEqualTo(task.getId());
    assertThat(now.getDueDate()).isEqualTo(task.getDueDate());
    assertThat(runtime.getVariables(pi.getId())).as("no variable was written").isEmpty();
  }

  @Test
  void aUserCompletesTheTask() {
    as(USER, () -> taskService.complete(task.getId()));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
  }

  @Test
  void aBpmnErrorFromTheTaskIsRefusedWithItsVariables() {
    assertThatThrownBy(() -> as(USER, () -> taskService.handleBpmnError(task.getId(), "skip", "x", Map.of("awardMoney", 1L))))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("chỉ kết thúc khi được hoàn thành");
    assertStillWaiting();
  }

  @Test
  void anEscalationFromTheTaskIsRefused() {
    assertThatThrownBy(() -> as(USER, () -> taskService.handleEscalation(task.getId(), "jump", Map.of("x", 1L))))
        .isInstanceOf(AuthorizationException.class);
    assertStillWaiting();
  }

  @Test
  void aMessageOrSignalThatEndsTheTaskIsRefused() {
    assertThatThrownBy(() -> as(USER, () -> runtime.correlateMessage("guardJump")))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("chỉ kết thúc khi được hoàn thành");
    assertThatThrownBy(() -> as(USER, () -> runtime.signalEventReceived("guardSignal")))
        .isInstanceOf(AuthorizationException.class);
    assertStillWaiting();
  }

  @Test
  void movingOrDeletingTheInstanceIsRefused() {
    assertThatThrownBy(() -> as(USER, () -> runtime.createProcessInstanceModification(pi.getId())
        .cancelAllForActivity("work").startBeforeActivity("done").execute()))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> as(USER, () -> runtime.deleteProcessInstance(pi.getId(), "weg", true, true)))
        .isInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> as(USER, () -> runtime.createProcessInstanceByKey("guard-probe")
        .startBeforeActivity("done").execute()))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("Chỉ quản trị viên");
    assertStillWaiting();
  }

  @Test
  void variablesOutsideACompletionAndDueDatesAreRefused() {
    assertThatThrownBy(() -> as(USER, () -> runtime.setVariable(pi.getId(), "decisionNumber", "Số: 1/QĐ")))
        .isInstanceOf(InputValidationException.class).hasMessageContaining("decisionNumber");
    assertThatThrownBy(() -> as(USER, () -> taskService.setVariableLocal(task.getId(), "awardMoney", 5L)))
        .isInstanceOf(InputValidationException.class).hasMessageContaining("awardMoney");
    assertThatThrownBy(() -> as(USER, () -> taskService.setDueDate(task.getId(), new Date(0))))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("hạn xử lý");
    assertThatThrownBy(() -> as(USER, () -> taskService.addCandidateGroup(task.getId(), "camunda-admin")))
        .isInstanceOf(AuthorizationException.class);
    assertStillWaiting();
  }

  @Test
  void claimingFollowUpAndCommentsAreTheUsersOwn() {
    as(USER, () -> {
      taskService.claim(task.getId(), USER);
      taskService.setFollowUpDate(task.getId(), new Date(NOW.toEpochMilli() + 86_400_000L));
      taskService.createComment(task.getId(), pi.getId(), "Đang xem.");
      taskService.setAssignee(task.getId(), null);
    });
    assertThat(taskService.getTaskComments(task.getId())).hasSize(1);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getFollowUpDate()).isNotNull();
  }

  static String form(String field) {
    return """
        {"id": "guard-form", "type": "default", "schemaVersion": 8, "components": [
          {"key": "%s", "label": "Ô", "type": "textfield"}]}""".formatted(field);
  }

  static final String FORM_PROCESS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://example.org/guard">
        <process id="guard-form-probe" isExecutable="true" camunda:historyTimeToLive="1">
          <startEvent id="s"/><sequenceFlow id="a" sourceRef="s" targetRef="t"/>
          <userTask id="t" name="Bước có biểu mẫu" camunda:candidateUsers="guard.probe" camunda:formRef="guard-form"
              camunda:formRefBinding="latest"/>
          <sequenceFlow id="b" sourceRef="t" targetRef="e"/><endEvent id="e"/>
        </process>
      </definitions>""";

  @Test
  void aStepTakesTheFieldsOfTheLatestVersionOfItsForm() {
    String first = engine.getRepositoryService().createDeployment().addString("guard-form-probe.bpmn", FORM_PROCESS)
        .addString("guard-form.form", form("oldField")).deploy().getId();
    String second = null;
    try {
      ProcessInstance one = runtime.startProcessInstanceByKey("guard-form-probe");
      Task t1 = taskService.createTaskQuery().processInstanceId(one.getId()).singleResult();
      assertThatThrownBy(() -> as(USER, () -> taskService.complete(t1.getId(), Map.of("newField", "x"))))
          .hasMessageContaining("không nhận các trường: newField");
      as(USER, () -> taskService.complete(t1.getId(), Map.of("oldField", "x")));

      second = engine.getRepositoryService().createDeployment().addString("guard-form.form", form("newField"))
          .deploy().getId();
      ProcessInstance two = runtime.startProcessInstanceByKey("guard-form-probe");
      Task t2 = taskService.createTaskQuery().processInstanceId(two.getId()).singleResult();
      assertThatThrownBy(() -> as(USER, () -> taskService.complete(t2.getId(), Map.of("oldField", "x"))))
          .hasMessageContaining("không nhận các trường: oldField");
      as(USER, () -> taskService.complete(t2.getId(), Map.of("newField", "x")));
      assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("guard-form-probe").count()).isZero();
    } finally {
      engine.getRepositoryService().deleteDeployment(first, true);
      if (second != null) {
        engine.getRepositoryService().deleteDeployment(second, true);
      }
    }
  }

  @Test
  void anAdministratorMayRepair() {
    as("admin", () -> taskService.handleBpmnError(task.getId(), "skip"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count()).isZero();
  }
}
