package vn.congdoan.award.nomination;

import static vn.congdoan.award.nomination.NominationVariables.*;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;
import vn.congdoan.award.form.FormSchema;
import vn.congdoan.award.form.FormValidator;
import vn.congdoan.award.form.FormValues;
import vn.congdoan.award.form.InputValidationException;
import vn.congdoan.award.organization.Unit;
import vn.congdoan.award.organization.UnitDirectory;
import vn.congdoan.award.organization.UserUnits;
import vn.congdoan.award.rules.AwardRounds;
import vn.congdoan.award.sequence.SequenceService;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.Texts;

/**
 * The first step of a nomination, in the transaction that starts it: finds the preparer's grassroots unit
 * and its superior and province in force today, validates the dossier (the start form's rules and the
 * DMN named in the element property {@code validation}), gives the nomination its code and writes the
 * read model. A bad dossier throws, so nothing of it is stored.
 */
@Component("registerNomination")
public class RegisterNominationDelegate implements JavaDelegate {
  private final UserUnits userUnits;
  private final UnitDirectory units;
  private final AwardRounds rounds;
  private final SequenceService sequences;
  private final StepValidator validator;
  private final NominationReadModel readModel;
  private final BusinessClock clock;
  private final Texts texts;
  private final ReviewOpinions opinions;
  private final DuplicateWarning duplicates;

  public RegisterNominationDelegate(UserUnits userUnits, UnitDirectory units, AwardRounds rounds,
      SequenceService sequences, StepValidator validator, NominationReadModel readModel, BusinessClock clock,
      Texts texts, ReviewOpinions opinions, DuplicateWarning duplicates) {
    this.opinions = opinions;
    this.duplicates = duplicates;
    this.userUnits = userUnits;
    this.units = units;
    this.rounds = rounds;
    this.sequences = sequences;
    this.validator = validator;
    this.readModel = readModel;
    this.clock = clock;
    this.texts = texts;
  }

  @Override
  public void execute(DelegateExecution execution) {
    LocalDate today = clock.today();
    String preparer = preparer(execution);
    Dossier.applyDefaults(execution);

    List<String> errors = new ArrayList<>();
    String unitCode = unitOf(preparer, FormValues.of(execution, GRASSROOTS_UNIT));
    Unit unit = units.find(unitCode, today).orElseThrow(() -> invalid("validation.unitNotInForce", unitCode, today));
    Optional<Unit> superior = units.superiorOf(unitCode, today);
    Unit province = units.provinceOf(unitCode, today);

    Object roundCode = FormValues.of(execution, ROUND);
    int roundYear = today.getYear();
    if (roundCode instanceof String code && !code.isBlank()) {
      var round = rounds.find(code);
      if (round.isEmpty()) {
        errors.add(texts.get("validation.roundUnknown", code));
      } else if (!round.get().isOpenOn(today)) {
        errors.add(texts.get("validation.roundClosed", round.get().name(), today));
      } else {
        roundYear = round.get().year();
      }
    }
    Dossier.meetingDate(execution).filter(d -> d.isAfter(today))
        .ifPresent(d -> errors.add(texts.get("validation.meetingInFuture", d)));

    FormService forms = execution.getProcessEngineServices().getFormService();
    InputStream startForm = startForm(forms, execution.getProcessDefinitionId());
    FormSchema schema = startForm == null ? null : FormSchema.parse(startForm);
    if (schema != null) {
      // only what the start form asks for, and the unit a preparer of several units names
      java.util.Set<String> foreign = new java.util.TreeSet<>(execution.getVariableNames());
      foreign.removeAll(schema.editableKeys());
      foreign.removeAll(List.of(PREPARER, GRASSROOTS_UNIT, HOLDS_LEADERSHIP_POST, DIRECT_WORKER,
          "initiativeCount", "initiativeBenefit"));
      if (!foreign.isEmpty()) {
        String step = ((ExecutionEntity) execution).getProcessDefinition().getInitial().getName();
        errors.add(texts.get("validation.foreignFields", step, String.join(", ", foreign)));
      }
    }
    validator.validate(schema, validationDecision(execution), execution, errors);
    Dossier.normalizeNumbers(schema, execution);

    String code = "HS-%d-%05d".formatted(today.getYear(), sequences.nextCommitted("nomination", today.getYear()));
    execution.setProcessBusinessKey(code);
    execution.setVariable(NOMINATION_CODE, code);
    execution.setVariable(PREPARER, preparer);
    execution.setVariable(GRASSROOTS_UNIT, unit.code());
    execution.setVariable(GRASSROOTS_UNIT_NAME, unit.name());
    execution.setVariable(SUPERIOR_UNIT, superior.map(Unit::code).orElse(null));
    execution.setVariable(SUPERIOR_UNIT_NAME, superior.map(Unit::name).orElse(null));
    execution.setVariable(HAS_SUPERIOR, superior.isPresent());
    execution.setVariable(PROVINCE_UNIT, province.code());
    execution.setVariable(PROVINCE_UNIT_NAME, province.name());
    execution.setVariable(ROUND_YEAR, roundYear);
    Dossier.awardFormName(schema, execution).ifPresent(name -> execution.setVariable("awardFormName", name));

    Map<String, Object> v = execution.getVariables();
    readModel.insert(new NominationReadModel.NewNomination(
        execution.getProcessInstanceId(), code, (String) v.get(NOMINEE_NAME), (String) v.get(NOMINEE_KIND),
        (String) v.get(NOMINEE_POSITION), Boolean.TRUE.equals(v.get(HOLDS_LEADERSHIP_POST)),
        Boolean.TRUE.equals(v.get(DIRECT_WORKER)), unit.code(), superior.map(Unit::code).orElse(null),
        province.code(), (String) v.get(AWARD_FORM), (String) v.get(MOVEMENT), (String) roundCode, roundYear,
        preparer));
    // the filing itself opens the trail: what the preparer submitted, the base of later revisions' diffs
    String initialId = ((ExecutionEntity) execution).getProcessDefinition().getInitial().getId();
    FlowElement initial = execution.getBpmnModelInstance().getModelElementById(initialId);
    var user = execution.getProcessEngineServices().getIdentityService().createUserQuery().userId(preparer)
        .singleResult();
    readModel.recordReview(execution.getProcessInstanceId(), initial.getId(), initial.getName(), null, preparer,
        user == null ? null : (user.getFirstName() + " " + user.getLastName()).strip(), "submitted", null,
        ReviewSnapshot.toJson(ReviewSnapshot.of(schema, FormValues.of(execution))));
    opinions.refresh(execution, execution.getProcessInstanceId(), false);
    duplicates.refresh(execution, execution.getProcessInstanceId());
  }

  /**
   * The person filing: the authenticated user, whatever a request says (a {@code preparer} variable sent with
   * the start must name them); only a start by the engine itself, with nobody authenticated, names the
   * preparer through the variable.
   */
  private String preparer(DelegateExecution execution) {
    Object claimed = FormValues.of(execution, PREPARER);
    Authentication auth = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (auth != null && auth.getUserId() != null) {
      if (claimed != null && !auth.getUserId().equals(claimed)) {
        String step = ((ExecutionEntity) execution).getProcessDefinition().getInitial().getName();
        throw invalid("validation.foreignFields", step, PREPARER);
      }
      return auth.getUserId();
    }
    if (claimed instanceof String s && !s.isBlank()) {
      return s;
    }
    throw invalid("validation.noInitiator");
  }

  /** The unit comes from the preparer's groups; a preparer of several units names one of them. */
  private String unitOf(String preparer, Object requested) {
    List<String> theirs = userUnits.unitsOf(preparer, "preparer");
    if (theirs.isEmpty()) {
      throw invalid("validation.noUnit", preparer);
    }
    if (requested != null && !(requested instanceof String s && s.isBlank())) {
      if (!(requested instanceof String code)) {
        throw invalid("validation.type.text", GRASSROOTS_UNIT);
      }
      if (!theirs.contains(code)) {
        throw invalid("validation.unitNotYours", preparer, FormValidator.shown(code));
      }
      return code;
    }
    if (theirs.size() > 1) {
      throw invalid("validation.manyUnits", preparer, String.join(", ", theirs));
    }
    return theirs.get(0);
  }

  private static InputStream startForm(FormService forms, String processDefinitionId) {
    try {
      return forms.getDeployedStartForm(processDefinitionId);
    } catch (RuntimeException noDeployedForm) {
      return null;
    }
  }

  /** The {@code validation} property of this task, else of the process's start event. */
  private static String validationDecision(DelegateExecution execution) {
    Optional<String> own = ModelProperties.get(execution.getBpmnModelElementInstance(), ModelProperties.VALIDATION);
    if (own.isPresent()) {
      return own.get();
    }
    String initialId = ((ExecutionEntity) execution).getProcessDefinition().getInitial().getId();
    FlowElement start = execution.getBpmnModelInstance().getModelElementById(initialId);
    return ModelProperties.get(start, ModelProperties.VALIDATION).orElse(null);
  }

  private InputValidationException invalid(String key, Object... args) {
    return new InputValidationException(texts.get("validation.title"), List.of(texts.get(key, args)));
  }
}
