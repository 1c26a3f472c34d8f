package vn.congdoan.award.web;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;

/**
 * Camunda's authentication filter for the REST API, without its one exception: Camunda lets anonymous
 * clients list the engines ({@code /engine}); here every path answers 401 without credentials.
 */
public class EngineRestAuthenticationFilter extends ProcessEngineAuthenticationFilter {
  @Override
  protected boolean requiresEngineAuthentication(String requestUrl) {
    return true;
  }
}
