package vn.congdoan.award.nomination;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableOutputImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.springframework.stereotype.Component;

/**
 * History level "full" (the same id, 3, so an existing database keeps working), without two kinds of rows
 * that hold nothing an auditor does not find elsewhere, and cost a fifth of a step's writes:
 * <ul>
 *   <li>the task-local copies of the card variables ({@link StepListener#CARD_VARIABLES}) that the
 *       application puts on every task for Tasklist's cards: the process variables they copy are recorded;
 *   <li>evaluations of input checks: decision tables whose only output is {@code violation} (a step's
 *       {@code validation} rule). An evaluation that found a violation refuses the step and rolls back, so
 *       its history was never kept anyway; one that found none says only that the input was acceptable,
 *       which the step's recorded completion and variables already say.
 * </ul>
 * Everything else is recorded as at level full: decisions that route a nomination (authority, council
 * threshold, money), every process variable with its details, tasks, activities, comments, operations.
 */
public class AuditHistoryLevel extends HistoryLevelFull {

  @Override
  public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
    if (entity instanceof VariableInstanceEntity variable) {
      return !isCardCopy(variable.getTaskId(), variable.getName());
    }
    if (entity instanceof HistoricVariableUpdateEventEntity detail) {
      return !isCardCopy(detail.getTaskId(), detail.getVariableName());
    }
    if (eventType == HistoryEventTypes.DMN_DECISION_EVALUATE && entity instanceof DmnDecision decision) {
      return !isInputCheck(decision);
    }
    return true;
  }

  static boolean isCardCopy(String taskId, String name) {
    return taskId != null && StepListener.CARD_VARIABLES.contains(name);
  }

  /** A decision table whose outputs are all named {@code violation}. */
  static boolean isInputCheck(DmnDecision decision) {
    if (!(decision.getDecisionLogic() instanceof DmnDecisionTableImpl table) || table.getOutputs().isEmpty()) {
      return false;
    }
    for (DmnDecisionTableOutputImpl output : table.getOutputs()) {
      if (!"violation".equals(output.getOutputName())) {
        return false;
      }
    }
    return true;
  }

  /** Camunda compares history levels by class and id; this one is level full wherever the engine asks. */
  @Override
  public boolean equals(Object other) {
    return other instanceof HistoryLevel level && level.getId() == getId();
  }

  @Override
  public int hashCode() {
    return getId();
  }

  /** Puts the level in place of Camunda's "full" when the configuration asks for "full". */
  @Component
  static class Plugin extends AbstractProcessEnginePlugin {
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
      List<HistoryLevel> custom = configuration.getCustomHistoryLevels() == null
          ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryLevels());
      custom.add(new AuditHistoryLevel()); // named "full": of the levels so named, the engine takes the last
      configuration.setCustomHistoryLevels(custom);
    }
  }
}
