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

  /** Other nominations named in the warning at most; the rest are counted ("và N hồ sơ khác"). */
  static final int NAMED = 5;

  /**
   * The warning for these other nominations, or null if there is none. It names the first {@value #NAMED}
   * and counts the others: a name shared by many dossiers (a common collective name, a mass filing) must not
   * make the text grow without bound (a process variable's text holds 4,000 characters on PostgreSQL).
   */
  public String warning(List<Map<String, Object>> duplicates) {
    if (duplicates.isEmpty()) {
      return null;
    }
    List<String> each = new java.util.ArrayList<>(duplicates.stream().limit(NAMED).map(d -> {
      String unit = (String) d.get("unit_code");
      String status = (String) d.get("status");
      return texts.get("duplicate.one", d.get("code"),
          units.find(unit, clock.today()).map(Unit::name).orElse(unit), texts.getOrDefault("status." + status, status));
    }).toList());
    if (duplicates.size() > NAMED) {
      each.add(texts.get("duplicate.more", duplicates.size() - NAMED));
    }
    return texts.get("duplicate.warning", String.join("; ", each));
  }
}
