package vn.congdoan.award.council;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Execution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.congdoan.award.nomination.NominationReadModel;
import vn.congdoan.award.nomination.NominationVariables;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.Texts;

/**
 * Moves nominations of an earlier process version that wait at the old per-nomination council ballot
 * ({@code councilBallot}) into the latest version's wait for a council session, at startup: in one transaction
 * per nomination, the ballot task is cancelled and the public notice's end is entered again in the old version
 * (a timer of the same element id in both), the instance is migrated to the latest version (every element
 * mapped to its namesake), and that timer is made due now, so the job executor moves it to
 * {@code awaitCouncilSession}. Its trail says so. Nominations past the ballot (at the old standing committee's
 * decision) finish on their own version, as Camunda runs every version it started.
 */
@Component
public class CouncilMigration {
  private static final Logger LOG = LoggerFactory.getLogger(CouncilMigration.class);
  static final String OLD_BALLOT = "councilBallot";
  static final String NOTICE_END = "publicNoticePeriod";
  static final String NEW_WAIT = "awaitCouncilSession";

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final ManagementService management;
  private final NominationReadModel readModel;
  private final BusinessClock clock;
  private final Texts texts;
  private final TransactionTemplate transaction;

  public CouncilMigration(RuntimeService runtime, RepositoryService repository, ManagementService management,
      NominationReadModel readModel, BusinessClock clock, Texts texts, PlatformTransactionManager transactions) {
    this.runtime = runtime;
    this.repository = repository;
    this.management = management;
    this.readModel = readModel;
    this.clock = clock;
    this.texts = texts;
    this.transaction = new TransactionTemplate(transactions);
  }

  /** Before the demo data and the startup lock's release, so one node migrates. */
  @EventListener(ApplicationReadyEvent.class)
  @Order(-10)
  public int migrateWaitingBallots() {
    ProcessDefinition latest = repository.createProcessDefinitionQuery()
        .processDefinitionKey(NominationVariables.PROCESS_KEY).latestVersion().singleResult();
    if (latest == null || repository.getBpmnModelInstance(latest.getId()).getModelElementById(NEW_WAIT) == null) {
      return 0;
    }
    List<Execution> waiting = runtime.createExecutionQuery().processDefinitionKey(NominationVariables.PROCESS_KEY)
        .activityId(OLD_BALLOT).list();
    int moved = 0;
    for (Execution execution : waiting) {
      String pi = execution.getProcessInstanceId();
      String definition = runtime.createProcessInstanceQuery().processInstanceId(pi).singleResult()
          .getProcessDefinitionId();
      if (definition.equals(latest.getId())) {
        continue;
      }
      transaction.executeWithoutResult(status -> {
        runtime.createProcessInstanceModification(pi)
            .cancelAllForActivity(OLD_BALLOT)
            .startBeforeActivity(NOTICE_END)
            .execute();
        runtime.newMigration(runtime.createMigrationPlan(definition, latest.getId()).mapEqualActivities().build())
            .processInstanceIds(pi).execute();
        management.createJobQuery().processInstanceId(pi).activityId(NOTICE_END).list()
            .forEach(job -> management.setJobDuedate(job.getId(), Date.from(clock.now())));
        readModel.recordReview(pi, NEW_WAIT, texts.get("migration.step"), null, null, null, "migrated",
            texts.get("migration.reason"), null);
      });
      moved++;
    }
    if (moved > 0) {
      LOG.info("Moved {} nominations from the old council ballot to the wait for a council session", moved);
    }
    return moved;
  }
}
