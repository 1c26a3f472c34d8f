package vn.congdoan.award.nomination;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import vn.congdoan.award.notification.Notifier;

/** Registers {@link NominationParseListener} with the engine (the starter picks up plugin beans). */
@Component
public class NominationEnginePlugin extends AbstractProcessEnginePlugin {
  private final ObjectProvider<StepListener> stepListener;
  private final ObjectProvider<OutcomeListener> outcomeListener;
  private final ObjectProvider<Notifier> notifier;

  public NominationEnginePlugin(ObjectProvider<StepListener> stepListener,
      ObjectProvider<OutcomeListener> outcomeListener, ObjectProvider<Notifier> notifier) {
    this.stepListener = stepListener;
    this.outcomeListener = outcomeListener;
    this.notifier = notifier;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new NominationParseListener(stepListener, outcomeListener, notifier));
  }
}
