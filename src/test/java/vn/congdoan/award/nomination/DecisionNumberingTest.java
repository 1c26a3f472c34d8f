package vn.congdoan.award.nomination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import vn.congdoan.award.NominationTestSupport;
import vn.congdoan.award.sequence.SequenceService;

/**
 * Decision numbers are per deciding body and year, strictly sequential: decisions made at the same moment
 * get distinct consecutive numbers, and a number taken by a transaction that rolls back is given again.
 * Runs on H2 here and on PostgreSQL in {@code PostgresNominationTest}.
 */
@SpringBootTest
@ActiveProfiles("test")
public class DecisionNumberingTest extends NominationTestSupport {
  static final int CONCURRENT_DECISIONS = 8;

  @Autowired SequenceService sequences;
  @Autowired TransactionTemplate transactions;

  /** A Giấy khen of Công đoàn ngành Giáo dục, decided and waiting at the save point before numbering. */
  ProcessInstance waitingForItsNumber() {
    ProcessInstance pi = start("lap.lqd", dossier("giay-khen"));
    approve("chutich.lqd", pi, "grassrootsApproval");
    approve("thamdinh.giaoduc", pi, "superiorVetting");
    approve("chutich.giaoduc", pi, "superiorDecision");
    assertThat(pi).isWaitingAt("issueSuperiorDecision");
    return pi;
  }

  @Test
  void decisionsMadeAtTheSameMomentGetConsecutiveNumbersWithoutGapOrDuplicate() throws Exception {
    long before = sequences.current("decision:cdn_giaoduc", 2026);
    List<ProcessInstance> instances = new ArrayList<>();
    for (int i = 0; i < CONCURRENT_DECISIONS; i++) {
      instances.add(waitingForItsNumber());
    }
    List<Job> jobs = instances.stream()
        .map(pi -> management.createJobQuery().processInstanceId(pi.getId()).singleResult()).toList();

    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_DECISIONS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (Job job : jobs) {
      done.add(pool.submit(() -> {
        go.await();
        management.executeJob(job.getId());
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<String> numbers = instances.stream().map(pi -> (String) row(pi).get("decision_number")).sorted().toList();
    List<String> expected = new ArrayList<>();
    for (long n = before + 1; n <= before + CONCURRENT_DECISIONS; n++) {
      expected.add("Số: " + n + "/QĐ-CĐN");
    }
    assertThat(numbers).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(sequences.current("decision:cdn_giaoduc", 2026)).isEqualTo(before + CONCURRENT_DECISIONS);
  }

  @Test
  void aNumberTakenByATransactionThatRollsBackIsGivenToTheNextDecision() {
    long before = sequences.current("decision:test-body", 2026);
    transactions.executeWithoutResult(status -> {
      assertThat(sequences.next("decision:test-body", 2026)).isEqualTo(before + 1);
      status.setRollbackOnly();
    });
    assertThat(sequences.next("decision:test-body", 2026)).isEqualTo(before + 1);
    assertThat(sequences.next("decision:test-body", 2026)).isEqualTo(before + 2);
  }

  @Test
  void eachDecidingBodyAndYearHasItsOwnSeries() {
    long a = sequences.next("decision:body-a", 2026);
    long b = sequences.next("decision:body-b", 2026);
    long a2027 = sequences.next("decision:body-a", 2027);
    assertThat(a).isEqualTo(1);
    assertThat(b).isEqualTo(1);
    assertThat(a2027).isEqualTo(1);
    assertThat(sequences.next("decision:body-a", 2026)).isEqualTo(2);
  }
}
