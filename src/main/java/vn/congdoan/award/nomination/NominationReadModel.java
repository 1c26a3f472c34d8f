package vn.congdoan.award.nomination;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.congdoan.award.support.BusinessClock;

/**
 * The {@code nomination} table: one row per nomination, written by the engine's listeners in the same
 * transaction as the step, so it never disagrees with the engine. Statistics read this, not Camunda's
 * history tables.
 */
@Repository
public class NominationReadModel {
  /** Longest reason a row keeps ({@code nomination.outcome_reason}, {@code nomination_review.reason}). */
  public static final int REASON_LENGTH = 2000;

  private final JdbcTemplate jdbc;
  private final BusinessClock clock;

  public NominationReadModel(JdbcTemplate jdbc, BusinessClock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** What the start of a nomination writes. */
  public record NewNomination(
      String processInstanceId, String code, String nomineeName, String nomineeKind, String nomineePosition,
      boolean holdsLeadershipPost, boolean directWorker, String unitCode, String superiorUnitCode,
      String provinceUnitCode, String awardForm, String movement, String roundCode, int roundYear,
      String preparer) {}

  public void insert(NewNomination n) {
    Timestamp now = now();
    jdbc.update("""
        insert into nomination (process_instance_id, code, nominee_name, nominee_kind, nominee_position,
          holds_leadership_post, direct_worker, unit_code, superior_unit_code, province_unit_code, award_form,
          movement, round_code, round_year, preparer, status, current_step, current_step_name, overdue,
          created_at, updated_at, nominee_key)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'IN_REVIEW', null, null, false, ?, ?, ?)""",
        n.processInstanceId(), n.code(), n.nomineeName(), n.nomineeKind(), n.nomineePosition(),
        n.holdsLeadershipPost(), n.directWorker(), n.unitCode(), n.superiorUnitCode(), n.provinceUnitCode(),
        n.awardForm(), n.movement(), n.roundCode(), n.roundYear(), n.preparer(), now, now,
        nomineeKey(n.nomineeName()));
  }

  /** The name as the duplicate check compares it: NFC, lower case, single spaces. */
  public static String nomineeKey(String name) {
    if (name == null) {
      return null;
    }
    String nfc = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFC);
    return nfc.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Other nominations of the same person (by name) for the same award form in the same round that are not
   * withdrawn: the duplicate warning. Names are not identities (two people may share one), so this warns,
   * it does not refuse; the unit tells reviewers which it is.
   */
  public List<Map<String, Object>> duplicatesOf(String processInstanceId) {
    return jdbc.queryForList("""
        select o.code, o.unit_code, o.status, o.process_instance_id, o.superior_unit_code, o.province_unit_code
        from nomination n join nomination o on o.round_code = n.round_code and o.award_form = n.award_form
          and o.nominee_key = n.nominee_key and o.process_instance_id <> n.process_instance_id
        where n.process_instance_id = ? and o.status <> 'WITHDRAWN'
        order by o.created_at, o.code""", processInstanceId);
  }

  /** A revised dossier: the fields a preparer may change. */
  public void updateDossier(String processInstanceId, String nomineeName, String nomineeKind,
      String nomineePosition, boolean holdsLeadershipPost, boolean directWorker, String awardForm,
      String movement, String roundCode, int roundYear) {
    jdbc.update("""
        update nomination set nominee_name = ?, nominee_kind = ?, nominee_position = ?, holds_leadership_post = ?,
          direct_worker = ?, award_form = ?, movement = ?, round_code = ?, round_year = ?, updated_at = ?,
          nominee_key = ?
        where process_instance_id = ?""",
        nomineeName, nomineeKind, nomineePosition, holdsLeadershipPost, directWorker, awardForm, movement,
        roundCode, roundYear, now(), nomineeKey(nomineeName), processInstanceId);
  }

  public void stepEntered(String processInstanceId, String step, String stepName, String status,
      String decidingLevel) {
    jdbc.update("""
        update nomination set current_step = ?, current_step_name = ?, status = ?, overdue = false,
          deciding_level = coalesce(?, deciding_level), updated_at = ?
        where process_instance_id = ?""",
        step, stepName, status, decidingLevel, now(), processInstanceId);
  }

  public void markOverdue(String processInstanceId, String step) {
    jdbc.update("update nomination set overdue = true, updated_at = ? where process_instance_id = ? and current_step = ?",
        now(), processInstanceId, step);
  }

  public void decided(String processInstanceId, String body, String number, LocalDate date, Long money) {
    jdbc.update("""
        update nomination set decision_body = ?, decision_number = ?, decision_date = ?, award_money = ?, updated_at = ?
        where process_instance_id = ?""",
        body, number, date, money, now(), processInstanceId);
  }

  public void ended(String processInstanceId, String outcome, String reason, String step, String stepName) {
    Timestamp now = now();
    jdbc.update("""
        update nomination set status = ?, outcome = ?, outcome_reason = ?, current_step = ?, current_step_name = ?,
          overdue = false, ended_at = ?, updated_at = ?
        where process_instance_id = ?""",
        outcome, outcome, reason, step, stepName, now, now, processInstanceId);
  }

  /** One action on the nomination; {@code details} is a {@link ReviewSnapshot} as JSON, or null. */
  public void recordReview(String processInstanceId, String step, String stepName, String taskId, String actor,
      String actorName, String outcome, String reason, String details) {
    jdbc.update("""
        insert into nomination_review (id, process_instance_id, step, step_name, task_id, actor, actor_name, outcome,
          reason, details, acted_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        UUID.randomUUID().toString(), processInstanceId, step, stepName, taskId, actor, actorName, outcome, reason,
        details, now());
  }

  /** Which of these nominations have a duplicate (see {@link #duplicatesOf}). */
  public java.util.Set<String> withDuplicates(java.util.Collection<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return java.util.Set.of();
    }
    String marks = String.join(", ", processInstanceIds.stream().map(id -> "?").toList());
    return new java.util.HashSet<>(jdbc.queryForList("""
        select n.process_instance_id from nomination n
        where n.process_instance_id in (%s) and exists (select 1 from nomination o where o.round_code = n.round_code
          and o.award_form = n.award_form and o.nominee_key = n.nominee_key
          and o.process_instance_id <> n.process_instance_id and o.status <> 'WITHDRAWN')""".formatted(marks),
        String.class, processInstanceIds.toArray()));
  }

  public Optional<Map<String, Object>> findByProcessInstance(String processInstanceId) {
    List<Map<String, Object>> rows =
        jdbc.queryForList("select * from nomination where process_instance_id = ?", processInstanceId);
    return rows.stream().findFirst();
  }

  public Optional<Map<String, Object>> findByCode(String code) {
    List<Map<String, Object>> rows = jdbc.queryForList("select * from nomination where code = ?", code);
    return rows.stream().findFirst();
  }

  public List<Map<String, Object>> reviews(String processInstanceId) {
    return jdbc.queryForList(
        "select * from nomination_review where process_instance_id = ? order by seq", processInstanceId);
  }

  private Timestamp now() {
    return Timestamp.from(clock.now());
  }
}
