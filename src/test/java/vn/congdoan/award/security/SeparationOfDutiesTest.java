package vn.congdoan.award.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import vn.congdoan.award.NominationTestSupport;
import vn.congdoan.award.nomination.NominationReadModel;
import vn.congdoan.award.nomination.RecusalService;

/**
 * Separation of duties, enforced on claim, assignment and completion through the engine: the preparer
 * never approves their own dossier, nobody reviews a nomination of their own grassroots unit at the upper
 * levels or a nomination of themselves, and a reviewer who recused themselves stays out of that step.
 */
@SpringBootTest
@ActiveProfiles("test")
class SeparationOfDutiesTest extends NominationTestSupport {
  @Autowired RecusalService recusals;
  @Autowired NominationReadModel readModel;

  final List<String> createdUsers = new java.util.ArrayList<>();

  void user(String id, String firstName, String lastName, String... groups) {
    User user = identity.newUser(id);
    user.setFirstName(firstName);
    user.setLastName(lastName);
    user.setPassword("demo");
    identity.saveUser(user);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
    createdUsers.add(id);
  }

  @AfterEach
  void removeUsers() {
    createdUsers.forEach(identity::deleteUser);
  }

  void claim(String user, ProcessInstance pi, String step) {
    Task task = task(pi, step);
    as(user, () -> taskService.claim(task.getId(), user));
  }

  @Test
  void thePreparerDoesNotApproveTheirOwnDossierEvenWhenTheyAreAlsoAChair() {
    user("lap.chutich.cdc", "Hà Văn", "Nam", "cs_cdc_tinh-preparer", "cs_cdc_tinh-chair");
    ProcessInstance pi = start("lap.chutich.cdc", dossier("giay-khen"));

    assertThatThrownBy(() -> claim("lap.chutich.cdc", pi, "grassrootsApproval"))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("Người lập hồ sơ không được tự duyệt");
    assertThatThrownBy(() -> complete("lap.chutich.cdc", pi, "grassrootsApproval",
        Map.of("grassrootsApprovalOutcome", "approve"))).isInstanceOf(AuthorizationException.class);
    // nor may anyone hand it to them
    Task task = task(pi, "grassrootsApproval");
    assertThatThrownBy(() -> as("admin", () -> taskService.setAssignee(task.getId(), "lap.chutich.cdc")))
        .isInstanceOf(AuthorizationException.class);
    // the unit's other chair approves it
    approve("chutich.cdc", pi, "grassrootsApproval");
    assertThat(pi).isWaitingAt("superiorVetting");
  }

  @Test
  void aSuperiorReviewerFromTheNomineesOwnUnitStaysOutButReviewsOtherUnits() {
    user("thamdinh.kiem.bvdk", "Đèo Thị", "Hoa", "cdn_yte-reviewer", "cs_bvdk_tinh-preparer");
    ProcessInstance own = start("lap.bvdk", dossier("giay-khen"));
    approve("chutich.bvdk", own, "grassrootsApproval");
    assertThatThrownBy(() -> claim("thamdinh.kiem.bvdk", own, "superiorVetting"))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("không được xem xét hồ sơ ở cấp trên");

    ProcessInstance other = start("lap.cdc", dossier("giay-khen"));
    approve("chutich.cdc", other, "grassrootsApproval");
    approve("thamdinh.kiem.bvdk", other, "superiorVetting");
    assertThat(other).isWaitingAt("superiorDecision");
  }

  @Test
  void nobodyReviewsANominationOfThemselves() {
    Map<String, Object> aboutTheReviewer = dossier("giay-khen");
    aboutTheReviewer.put("nomineeName", "Lê Thị Hồng"); // the demo user thamdinh.yte
    ProcessInstance pi = start("lap.bvdk", aboutTheReviewer);
    approve("chutich.bvdk", pi, "grassrootsApproval");
    assertThatThrownBy(() -> approve("thamdinh.yte", pi, "superiorVetting"))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("cho chính mình");
    assertThat(pi).isWaitingAt("superiorVetting");
  }

  @Test
  void aReviewerWhoRecusesIsRecordedAndStaysOutOfThatStep() {
    user("thamdinh2.yte", "Vàng Thị", "Mỷ", "cdn_yte-reviewer");
    ProcessInstance pi = start("lap.bvdk", dossier("giay-khen"));
    approve("chutich.bvdk", pi, "grassrootsApproval");
    claim("thamdinh.yte", pi, "superiorVetting");

    Task task = task(pi, "superiorVetting");
    as("thamdinh.yte", () -> recusals.recuse(task.getId(), "Người được đề nghị là người thân của tôi."));

    assertThat(task(pi, "superiorVetting").getAssignee()).isNull();
    assertThat(readModel.reviews(pi.getId())).anySatisfy(r -> {
      assertThat(r.get("actor")).isEqualTo("thamdinh.yte");
      assertThat(r.get("outcome")).isEqualTo("recused");
      assertThat(r.get("reason")).isEqualTo("Người được đề nghị là người thân của tôi.");
    });
    List<Comment> comments = taskService.getTaskComments(task.getId());
    assertThat(comments).singleElement().satisfies(c -> {
      assertThat(c.getUserId()).isEqualTo("thamdinh.yte");
      assertThat(c.getFullMessage()).contains("Người được đề nghị là người thân của tôi.");
    });
    assertThatThrownBy(() -> claim("thamdinh.yte", pi, "superiorVetting"))
        .isInstanceOf(AuthorizationException.class).hasMessageContaining("xin rút");

    approve("thamdinh2.yte", pi, "superiorVetting");
    assertThat(pi).isWaitingAt("superiorDecision");
  }
}
