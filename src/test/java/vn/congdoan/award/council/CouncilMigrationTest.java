package vn.congdoan.award.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import vn.congdoan.award.NominationTestSupport;
import vn.congdoan.award.decision.AwardDecisions;

/**
 * Nominations of the earlier process version (a ballot and a standing committee's decision per nomination,
 * test resource legacy/award-nomination-v1.bpmn): one waiting at the old ballot moves to the latest version's
 * wait for a council session and is decided there; one already past the ballot finishes on its own version,
 * with its decision recorded like any other.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CouncilMigrationTest extends NominationTestSupport {
  @Autowired RepositoryService repository;
  @Autowired CouncilMigration migration;
  @Autowired AwardDecisions decisions;

  ProcessInstance atOldBallot() {
    setClock(NOW);
    ProcessInstance pi = start("lap.bvdk", dossier("bang-khen-tinh"));
    approve("chutich.bvdk", pi, "grassrootsApproval");
    approve("thamdinh.yte", pi, "superiorVetting");
    approve("thuky.tinh", pi, "secretariatVetting");
    setClock(Instant.parse("2026-12-31T00:00:00Z"));
    executeDueJobs(pi);
    setClock(NOW);
    assertThat(pi).isWaitingAt("councilBallot");
    return pi;
  }

  @Test
  void aNominationAtTheOldBallotWaitsForASessionInTheLatestVersionAndOneAlreadyVotedFinishesOnItsOwn() {
    repository.createDeployment().name("award-nomination v1").addClasspathResource("legacy/award-nomination-v1.bpmn")
        .deploy();
    ProcessInstance waiting = atOldBallot();
    ProcessInstance voted = atOldBallot();
    complete("hoidong.tinh", voted, "councilBallot", ballot(15, 14, 12, 2));
    assertThat(voted).isWaitingAt("standingDecision");
    String oldVersion = waiting.getProcessDefinitionId();
    repository.createDeployment().name("award-nomination").addClasspathResource("bpmn/award-nomination.bpmn").deploy();
    ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey("award-nomination")
        .latestVersion().singleResult();
    assertThat(latest.getId()).isNotEqualTo(oldVersion);

    assertThat(migration.migrateWaitingBallots()).isEqualTo(1);
    assertThat(migration.migrateWaitingBallots()).as("nothing left to move").isZero();

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(waiting.getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(latest.getId());
    assertThat(taskService.createTaskQuery().processInstanceId(waiting.getId()).count()).isZero();
    executeDueJobs(waiting);
    assertThat(waiting).isWaitingAt("awaitCouncilSession");
    assertThat(row(waiting).get("status")).isEqualTo("AWAITING_SESSION");
    assertThat(jdbc.queryForList("select outcome from nomination_review where process_instance_id = ? order by seq",
        String.class, waiting.getId())).endsWith("migrated");
    // the withdrawal still listens after the migration: the boundary event moved with the sub-process
    assertThat(runtime.createEventSubscriptionQuery().processInstanceId(waiting.getId())
        .eventName("nominationWithdrawn").count()).isEqualTo(1);

    councilSession(Map.of(waiting, 12L), null, null);
    assertThat(waiting).isEnded().hasPassed("endAwarded");
    assertThat(decisions.ofNomination(waiting.getId())).isPresent();

    assertThat(runtime.createProcessInstanceQuery().processInstanceId(voted.getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(oldVersion);
    approve("thuongvu.tinh", voted, "standingDecision");
    executeDueJobs(voted);
    assertThat(voted).isEnded().hasPassed("issueProvinceDecision", "endAwarded");
    assertThat(decisions.ofNomination(voted.getId()).orElseThrow().awardees()).hasSize(1);
  }
}
