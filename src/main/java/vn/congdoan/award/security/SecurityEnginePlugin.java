package vn.congdoan.award.security;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;
import vn.congdoan.award.support.Texts;

/** Puts {@link StepInputGuard} in front of every engine command. */
@Component
public class SecurityEnginePlugin extends AbstractProcessEnginePlugin {
  private final Texts texts;

  public SecurityEnginePlugin(Texts texts) {
    this.texts = texts;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPreCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPreCommandInterceptorsTxRequired().add(new StepInputGuard(texts));
  }
}
