package vn.congdoan.award.decision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.congdoan.award.audit.NominationScope;
import vn.congdoan.award.organization.Unit;
import vn.congdoan.award.organization.UnitDirectory;
import vn.congdoan.award.sequence.SequenceService;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.Texts;

/**
 * Award decisions as the body issues them: one numbered decision for one award form with its list of
 * awardees ({@code award_decision}, {@code award_decision_item}). {@link #issue} takes the body's next number
 * of the year in the caller's transaction ({@link SequenceService#next}: gap-free, never reused) and writes
 * the decision and its list in that same transaction; nothing changes them afterwards.
 */
@Repository
public class AwardDecisions {
  /** One awardee of a decision, as printed in its list. */
  public record Awardee(String processInstanceId, String nominationCode, String nomineeKind, String nomineeName,
      String nomineePosition, String unitName, long money) {
    public boolean collective() {
      return "collective".equals(nomineeKind);
    }
  }

  /** A decision and its awardees in the order of the list. */
  public record Decision(String id, String bodyUnit, String bodyName, int year, long seq, String number,
      String reference, LocalDate date, String awardForm, String awardFormName, String roundCode, String roundName,
      int awardeeCount, long totalMoney, Instant issuedAt, List<Awardee> awardees) {

    public List<Awardee> collectives() {
      return awardees.stream().filter(Awardee::collective).toList();
    }

    public List<Awardee> individuals() {
      return awardees.stream().filter(a -> !a.collective()).toList();
    }
  }

  private final JdbcTemplate jdbc;
  private final SequenceService sequences;
  private final UnitDirectory units;
  private final BusinessClock clock;
  private final Texts texts;

  public AwardDecisions(JdbcTemplate jdbc, SequenceService sequences, UnitDirectory units, BusinessClock clock,
      Texts texts) {
    this.jdbc = jdbc;
    this.sequences = sequences;
    this.units = units;
    this.clock = clock;
    this.texts = texts;
  }

  /**
   * Issues today's decision of {@code bodyUnit} for {@code awardForm} to {@code awardees} (in that order).
   *
   * @throws IllegalStateException when the body is not in force today or issues no decisions
   * @throws IllegalArgumentException when the list is empty
   */
  public Decision issue(String bodyUnit, String awardForm, String roundCode, List<Awardee> awardees) {
    if (awardees.isEmpty()) {
      throw new IllegalArgumentException("A decision needs at least one awardee");
    }
    LocalDate day = clock.today();
    Unit body = units.find(bodyUnit, day)
        .orElseThrow(() -> new IllegalStateException("The deciding body " + bodyUnit + " is not in force on " + day));
    if (body.decisionCode() == null) {
      throw new IllegalStateException("The unit " + bodyUnit + " issues no decisions (no decisionCode)");
    }
    long seq = sequences.next("decision:" + bodyUnit, day.getYear());
    String number = texts.get("decision.number", String.valueOf(seq), body.decisionCode());
    String reference = texts.get("decision.reference", String.valueOf(seq), body.decisionCode());
    String roundName = roundCode == null ? null : jdbc.query("select name from award_round where code = ?",
        rs -> rs.next() ? rs.getString(1) : null, roundCode);
    String id = UUID.randomUUID().toString();
    long total = awardees.stream().mapToLong(Awardee::money).sum();
    Instant now = clock.now();
    String formName = texts.getOrDefault("award.form." + awardForm, awardForm);
    jdbc.update("""
        insert into award_decision (id, body_unit, body_name, decision_year, seq, number, reference, decision_date,
          award_form, award_form_name, round_code, round_name, awardee_count, total_money, issued_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        id, bodyUnit, body.name(), day.getYear(), seq, number, reference, day, awardForm, formName, roundCode, roundName,
        awardees.size(), total, Timestamp.from(now));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < awardees.size(); i++) {
      Awardee a = awardees.get(i);
      rows.add(new Object[] {id, i + 1, a.processInstanceId(), a.nominationCode(), a.nomineeKind(), a.nomineeName(),
          a.nomineePosition(), a.unitName(), a.money()});
    }
    jdbc.batchUpdate("""
        insert into award_decision_item (decision_id, ordinal, process_instance_id, nomination_code, nominee_kind,
          nominee_name, nominee_position, unit_name, money)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
    return new Decision(id, bodyUnit, body.name(), day.getYear(), seq, number, reference, day, awardForm, formName, roundCode,
        roundName, awardees.size(), total, now, List.copyOf(awardees));
  }

  public Optional<Decision> find(String id) {
    List<Decision> found = jdbc.query("select * from award_decision where id = ?", this::decision, id);
    return found.stream().findFirst().map(this::withAwardees);
  }

  /** The decision that awarded the nomination, if one did. */
  public Optional<Decision> ofNomination(String processInstanceId) {
    return jdbc.query("select decision_id from award_decision_item where process_instance_id = ?",
        rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty(), processInstanceId)
        .flatMap(this::find);
  }

  /** Whether the scope covers at least one of the decision's awardees (a decision is shown to them whole). */
  public boolean visible(String id, NominationScope.Scope scope) {
    List<Object> parameters = new ArrayList<>();
    String condition = scope.condition(parameters);
    parameters.add(0, id);
    Integer found = jdbc.queryForObject("select count(*) from award_decision_item i join nomination n "
        + "on n.process_instance_id = i.process_instance_id where i.decision_id = ? and " + condition,
        Integer.class, parameters.toArray());
    return found != null && found > 0;
  }

  /** The decisions in scope (newest first), of one year or of all when {@code year} is null. */
  public List<Decision> list(NominationScope.Scope scope, Integer year) {
    List<Object> parameters = new ArrayList<>();
    String condition = scope.condition(parameters);
    String yearCondition = "";
    if (year != null) {
      yearCondition = " and d.decision_year = ?";
      parameters.add(year);
    }
    return jdbc.query("select d.* from award_decision d where exists (select 1 from award_decision_item i "
        + "join nomination n on n.process_instance_id = i.process_instance_id where i.decision_id = d.id and "
        + condition + ")" + yearCondition + " order by d.decision_date desc, d.body_unit, d.seq desc",
        this::decision, parameters.toArray());
  }

  private Decision withAwardees(Decision d) {
    List<Awardee> awardees = jdbc.query("""
        select process_instance_id, nomination_code, nominee_kind, nominee_name, nominee_position, unit_name, money
        from award_decision_item where decision_id = ? order by ordinal""",
        (rs, i) -> new Awardee(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getLong(7)), d.id());
    return new Decision(d.id(), d.bodyUnit(), d.bodyName(), d.year(), d.seq(), d.number(), d.reference(), d.date(), d.awardForm(),
        d.awardFormName(), d.roundCode(), d.roundName(), d.awardeeCount(), d.totalMoney(), d.issuedAt(), awardees);
  }

  private Decision decision(ResultSet rs, int row) throws SQLException {
    return new Decision(rs.getString("id"), rs.getString("body_unit"), rs.getString("body_name"),
        rs.getInt("decision_year"), rs.getLong("seq"), rs.getString("number"), rs.getString("reference"),
        rs.getDate("decision_date").toLocalDate(), rs.getString("award_form"), rs.getString("award_form_name"),
        rs.getString("round_code"), rs.getString("round_name"), rs.getInt("awardee_count"),
        rs.getLong("total_money"), rs.getTimestamp("issued_at").toInstant(), List.of());
  }
}
