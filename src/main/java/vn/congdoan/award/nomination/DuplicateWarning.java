package vn.congdoan.award.nomination;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;
import vn.congdoan.award.organization.Unit;
import vn.congdoan.award.organization.UnitDirectory;
import vn.congdoan.award.support.BusinessClock;
import vn.congdoan.award.support.Texts;

/**
 * Warns the reviewers when the same person (by name) is nominated for the same award form in the same round
 * by another dossier that is not withdrawn: the variable {@value #VARIABLE}, shown on every review form, set
 * at filing and after each revision (and removed when a revision clears it). It warns, it does not refuse:
 * two people may share a name; the codes and units let the reviewer tell.
 */
@Component
public class DuplicateWarning {
  public static final String VARIABLE = "duplicateWarning";

  private final NominationReadModel readModel;
  private final UnitDirectory units;
  private final BusinessClock clock;
  private final Texts texts;

  public DuplicateWarning(NominationReadModel readModel, UnitDirectory units, BusinessClock clock, Texts texts) {
    this.readModel = readModel;
    this.units = units;
    this.clock = clock;
    this.texts = texts;
  }

  public void refresh(VariableScope scope, String processInstanceId) {
    String text = warning(readModel.duplicatesOf(processInstanceId));
    if (text != null) {
      scope.setVariable(VARIABLE, text);
    } else if (scope.hasVariable(VARIABLE)) {
      scope.removeVariable(VARIABLE);
    }
  }

  /** The warning for these other nominations, or null if there is none. */
  public String warning(List<Map<String, Object>> duplicates) {
    if (duplicates.isEmpty()) {
      return null;
    }
    List<String> each = duplicates.stream().map(d -> {
      String unit = (String) d.get("unit_code");
      String status = (String) d.get("status");
      return texts.get("duplicate.one", d.get("code"),
          units.find(unit, clock.today()).map(Unit::name).orElse(unit), texts.getOrDefault("status." + status, status));
    }).toList();
    return texts.get("duplicate.warning", String.join("; ", each));
  }
}
