package vn.congdoan.award.nomination;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import vn.congdoan.award.form.FormValidator;
import vn.congdoan.award.form.StepValueGuard;
import vn.congdoan.award.notification.Notifier;
import vn.congdoan.award.support.Texts;

/**
 * Registers {@link NominationParseListener} with the engine (the starter picks up plugin beans), and puts
 * {@link StepValueGuard} first in front of every command.
 */
@Component
public class NominationEnginePlugin extends AbstractProcessEnginePlugin {
  private final ObjectProvider<StepListener> stepListener;
  private final ObjectProvider<OutcomeListener> outcomeListener;
  private final ObjectProvider<Notifier> notifier;
  private final ObjectProvider<FormValidator> formValidator;
  private final Texts texts;

  public NominationEnginePlugin(ObjectProvider<StepListener> stepListener,
      ObjectProvider<OutcomeListener> outcomeListener, ObjectProvider<Notifier> notifier,
      ObjectProvider<FormValidator> formValidator, Texts texts) {
    this.stepListener = stepListener;
    this.outcomeListener = outcomeListener;
    this.notifier = notifier;
    this.formValidator = formValidator;
    this.texts = texts;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new NominationParseListener(stepListener, outcomeListener, notifier));
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    // first: it passes the engine's own command on, so the guards after it still recognise it
    configuration.getCustomPreCommandInterceptorsTxRequired()
        .add(0, new StepValueGuard(configuration, formValidator::getObject, texts));
  }
}
