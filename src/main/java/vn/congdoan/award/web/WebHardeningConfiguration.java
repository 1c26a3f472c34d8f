package vn.congdoan.award.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Request-size limits, refusal of Java-serialized bodies and security headers ({@link RequestLimitsFilter})
 * on the application's own paths and every API, before the authentication filter of
 * {@link RestApiConfiguration} and before Camunda's webapp filters: an oversized or refused request costs
 * neither a password check nor a read of its body.
 *
 * <p>{@code award.web.max-request-bytes} (default 1 MiB) bounds every request body;
 * {@code award.web.max-deployment-bytes} (default 10 MiB) bounds a deployment upload to
 * {@code /engine-rest/deployment/create} (a BPMN with its DMN tables and forms). The webapps' CSRF
 * protection, cookies and headers are Camunda's own filters, set under {@code camunda.bpm.webapp} in
 * {@code application.yml}. A server error of the APIs answers with {@link InternalErrorFilter}'s generic body.
 */
@Configuration
public class WebHardeningConfiguration {
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  @Bean
  public FilterRegistrationBean<RequestLimitsFilter> requestLimitsFilter(
      @Value("${award.web.max-request-bytes:1048576}") long maxRequestBytes,
      @Value("${award.web.max-deployment-bytes:10485760}") long maxDeploymentBytes) {
    FilterRegistrationBean<RequestLimitsFilter> registration =
        new FilterRegistrationBean<>(new RequestLimitsFilter(maxRequestBytes, maxDeploymentBytes));
    registration.setName("award-request-limits");
    registration.setOrder(ORDER);
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/camunda/api/*", "/mailbox", "/mailbox/*", "/ho-so",
        "/ho-so/*", "/ho-so.csv", "/ho-so.xlsx", "/quyet-dinh", "/quyet-dinh/*");
    return registration;
  }

  /** Right after the limits: a server error of any API, wherever it comes from, shows nothing internal. */
  @Bean
  public FilterRegistrationBean<InternalErrorFilter> internalErrorFilter() {
    FilterRegistrationBean<InternalErrorFilter> registration = new FilterRegistrationBean<>(new InternalErrorFilter());
    registration.setName("award-internal-errors");
    registration.setOrder(ORDER + 1);
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/camunda/api/*");
    return registration;
  }
}
