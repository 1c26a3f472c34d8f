package vn.congdoan.award.council;

import java.io.InputStream;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.congdoan.award.form.FormSchema;
import vn.congdoan.award.form.InputValidationException;
import vn.congdoan.award.nomination.StepValidator;
import vn.congdoan.award.organization.Unit;
import vn.congdoan.award.organization.UnitDirectory;
import vn.congdoan.award.organization.UserUnits;
import vn.congdoan.award.rules.AwardRounds;
import vn.congdoan.award.sequence.SequenceService;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.Texts;

/**
 * Opens a council session: the one who started it ({@code secretary}, the start event's initiator) must act for
 * a unit in the role of the field {@code openerRole} (the body whose session it is); the start form's values
 * are checked against the form; then the agenda takes every nomination of that body and round that waits for a
 * session ({@code AWAITING_SESSION}) and is on no other agenda. The rows are locked while they are taken and
 * {@code council_agenda} allows a nomination once, so two sessions opened at the same moment never share one:
 * the second waits for the first and takes what is left. An empty agenda refuses the start.
 */
@Component("openCouncilSession")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class OpenCouncilSessionDelegate implements JavaDelegate {
  static final String SECRETARY = "secretary";

  private final JdbcTemplate jdbc;
  private final UserUnits userUnits;
  private final UnitDirectory units;
  private final AwardRounds rounds;
  private final StepValidator validator;
  private final SequenceService sequences;
  private final BusinessClock clock;
  private final Texts texts;
  private Expression openerRole;

  public OpenCouncilSessionDelegate(JdbcTemplate jdbc, UserUnits userUnits, UnitDirectory units, AwardRounds rounds,
      StepValidator validator, SequenceService sequences, BusinessClock clock, Texts texts) {
    this.jdbc = jdbc;
    this.userUnits = userUnits;
    this.units = units;
    this.rounds = rounds;
    this.validator = validator;
    this.sequences = sequences;
    this.clock = clock;
    this.texts = texts;
  }

  public void setOpenerRole(Expression openerRole) {
    this.openerRole = openerRole;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (openerRole == null) {
      throw new IllegalStateException("openCouncilSession needs the field 'openerRole' in " + execution.getCurrentActivityId());
    }
    LocalDate today = clock.today();
    String secretary = (String) execution.getVariable(SECRETARY);
    List<String> bodies = secretary == null ? List.of()
        : userUnits.unitsOf(secretary, String.valueOf(openerRole.getValue(execution)));
    if (bodies.isEmpty()) {
      throw invalid(List.of(texts.get("session.notSecretary")));
    }
    String body = bodies.get(0);
    Unit unit = units.find(body, today).orElseThrow(() -> invalid(List.of(texts.get("validation.unitNotInForce", body, today))));

    List<String> errors = new ArrayList<>();
    FormSchema form = startForm(execution);
    Set<String> foreign = new TreeSet<>(execution.getVariableNames());
    foreign.remove(SECRETARY);
    if (form != null) {
      foreign.removeAll(form.editableKeys());
      if (!foreign.isEmpty()) {
        errors.add(texts.get("validation.foreignFields", texts.get("session.startStep"), String.join(", ", foreign)));
      }
    }
    validator.validate(form, null, execution, errors); // throws with the form's errors and these
    String roundCode = (String) execution.getVariable("sessionRound");
    var round = rounds.find(roundCode)
        .orElseThrow(() -> invalid(List.of(texts.get("validation.roundUnknown", roundCode))));
    long members = ((Number) execution.getVariable("sessionCouncilMembers")).longValue();
    long present = ((Number) execution.getVariable("sessionCouncilPresent")).longValue();
    if (present > members) {
      throw invalid(List.of(texts.get("session.presentAboveMembers", present, members)));
    }

    String session = execution.getProcessInstanceId();
    // lock the waiting nominations; a session opened at the same moment waits here, then finds them taken
    List<Map<String, Object>> waiting = jdbc.queryForList("""
        select process_instance_id, code, award_form from nomination
        where province_unit_code = ? and round_code = ? and status = 'AWAITING_SESSION' and ended_at is null
        order by created_at, code for update""", body, roundCode);
    int ordinal = 0;
    Timestamp now = Timestamp.from(clock.now());
    for (Map<String, Object> n : waiting) {
      Integer taken = jdbc.queryForObject("select count(*) from council_agenda where nomination_process_instance_id = ?",
          Integer.class, n.get("process_instance_id"));
      if (taken != null && taken > 0) {
        continue;
      }
      jdbc.update("""
          insert into council_agenda (session_process_instance_id, ordinal, nomination_process_instance_id,
            nomination_code, award_form, state, updated_at)
          values (?, ?, ?, ?, ?, 'ON_AGENDA', ?)""",
          session, ++ordinal, n.get("process_instance_id"), n.get("code"), n.get("award_form"), now);
      jdbc.update("update nomination set status = 'ON_AGENDA', updated_at = ? where process_instance_id = ?", now,
          n.get("process_instance_id"));
    }
    if (ordinal == 0) {
      throw invalid(List.of(texts.get("session.emptyAgenda", unit.name(), round.name())));
    }
    String code = "PH-%d-%03d".formatted(today.getYear(), sequences.nextCommitted("session:" + body, today.getYear()));
    execution.setProcessBusinessKey(code);
    execution.setVariable("sessionCode", code);
    execution.setVariable("sessionBody", body);
    execution.setVariable("sessionBodyName", unit.name());
    execution.setVariable("sessionRoundName", round.name());
    execution.setVariable("sessionAgendaSize", (long) ordinal);
  }

  private static FormSchema startForm(DelegateExecution execution) {
    try (InputStream in = execution.getProcessEngineServices().getFormService()
        .getDeployedStartForm(execution.getProcessDefinitionId())) {
      return in == null ? null : FormSchema.parse(in);
    } catch (java.io.IOException | RuntimeException noDeployedForm) {
      return null;
    }
  }

  private InputValidationException invalid(List<String> errors) {
    return new InputValidationException(texts.get("validation.title"), errors);
  }
}
