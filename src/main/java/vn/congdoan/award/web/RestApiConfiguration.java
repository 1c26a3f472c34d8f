package vn.congdoan.award.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.congdoan.award.form.InputValidationException;
import vn.congdoan.award.security.Refusal;
import vn.congdoan.award.support.Texts;

/**
 * Camunda's REST API as the application serves it: HTTP Basic authentication against the Camunda
 * identity service (a portal or Modeler acts as a real user, and authorization applies to it), and
 * validation failures of a dossier or a step answered with 400 and the Vietnamese messages instead of
 * the engine's generic 500.
 */
@Configuration
public class RestApiConfiguration {

  static {
    useValidationAwareHandlers();
  }

  /**
   * Camunda's REST resources take their exception mappers from one shared set, used by {@code /engine-rest}
   * and by the webapps' own API that Tasklist calls ({@code /camunda/api/engine}): replacing the two
   * mappers there gives both the same 400 with the Vietnamese messages. Runs before either Jersey
   * application initialises (this configuration is created before the web server starts its servlets).
   */
  static synchronized void useValidationAwareHandlers() {
    Set<Class<?>> classes = CamundaRestResources.getConfigurationClasses();
    if (classes.remove(ProcessEngineExceptionHandler.class)) {
      classes.add(ValidationAwareEngineExceptionHandler.class);
    }
    if (classes.remove(RestExceptionHandler.class)) {
      classes.add(ValidationAwareRestExceptionHandler.class);
    }
  }

  @Bean
  public CamundaJerseyResourceConfig camundaJerseyResourceConfig() {
    useValidationAwareHandlers();
    return new CamundaJerseyResourceConfig();
  }

  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthenticationFilter() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new EngineRestAuthenticationFilter());
    registration.setName("camunda-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    return registration;
  }

  /** Password guessing slows down per client, before any credentials are checked (see LoginThrottleFilter). */
  @Bean
  public FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(Texts texts,
      @Value("${award.security.login-throttle.free-attempts:5}") int freeAttempts,
      @Value("${award.security.login-throttle.base-delay:1s}") java.time.Duration baseDelay,
      @Value("${award.security.login-throttle.max-delay:5m}") java.time.Duration maxDelay,
      @Value("${award.security.login-throttle.forget-after:30m}") java.time.Duration forgetAfter,
      @Value("${award.security.login-throttle.max-clients:100000}") int maxClients) {
    FilterRegistrationBean<LoginThrottleFilter> registration = new FilterRegistrationBean<>(new LoginThrottleFilter(
        freeAttempts, baseDelay, maxDelay, forgetAfter, maxClients, java.time.Clock.systemUTC(), texts));
    registration.setName("login-throttle");
    registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 20);
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/mailbox", "/mailbox/*", "/camunda/api/admin/auth/*");
    return registration;
  }

  /** Cockpit's plugin API: for those who may use Cockpit only. */
  @Bean
  public FilterRegistrationBean<CockpitApiFilter> cockpitApiFilter(org.camunda.bpm.engine.ProcessEngine engine, Texts texts) {
    FilterRegistrationBean<CockpitApiFilter> registration =
        new FilterRegistrationBean<>(new CockpitApiFilter(engine.getName(), texts));
    registration.setName("cockpit-api-access");
    registration.addUrlPatterns("/camunda/api/cockpit/*");
    return registration;
  }

  /** The app's pages: the webapps' login session, else HTTP Basic. */
  @Bean
  public FilterRegistrationBean<AppPageAuthenticationFilter> appPageAuthenticationFilter(
      org.camunda.bpm.engine.ProcessEngine engine) {
    FilterRegistrationBean<AppPageAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new AppPageAuthenticationFilter(engine));
    registration.setName("app-page-authentication");
    registration.addUrlPatterns("/mailbox", "/mailbox/*");
    return registration;
  }

  /** The engine's refusal of a Java-serialized variable (ENGINE-17007) is the client's error: 400. */
  static InputValidationException javaSerializationRefusal(Throwable throwable) {
    for (Throwable t = throwable; t != null && t.getCause() != t; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("ENGINE-17007")) {
        return new InputValidationException("Yêu cầu không hợp lệ",
            List.of("Không chấp nhận biến được tuần tự hóa theo kiểu Java; hãy gửi giá trị dạng chuỗi, số, ngày hoặc JSON."));
      }
    }
    return null;
  }

  static InputValidationException refusal(Throwable throwable) {
    InputValidationException invalid = InputValidationException.findIn(throwable);
    return invalid != null ? invalid : javaSerializationRefusal(throwable);
  }

  /** A task, instance or definition that does not exist is 404, not the engine's 500 (NullValueException). */
  static Response notFound(Throwable throwable) {
    for (Throwable t = throwable; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof org.camunda.bpm.engine.exception.NullValueException && t.getMessage() != null
          && t.getMessage().contains("Cannot find")) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "NotFound");
        body.put("message", "Không tìm thấy: " + t.getMessage());
        return Response.status(Response.Status.NOT_FOUND).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
      }
    }
    return null;
  }

  static Response validationResponse(InputValidationException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "ValidationError");
    body.put("message", e.getMessage());
    body.put("violations", e.getViolations());
    return Response.status(Response.Status.BAD_REQUEST).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  /**
   * A refusal of the application (anywhere in the chain) is 403 with its Vietnamese message; the engine's own
   * authorization failures keep their status and details, with a Vietnamese message naming what is missing.
   */
  static Response authorizationResponse(Throwable throwable, java.util.function.Function<AuthorizationException, Response> engineResponse) {
    Refusal refusal = Refusal.findIn(throwable);
    AuthorizationException denied = refusal;
    for (Throwable t = throwable; denied == null && t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof AuthorizationException a) {
        denied = a;
      }
    }
    if (denied == null) {
      return null;
    }
    Response response = engineResponse.apply(denied);
    if (response.getEntity() instanceof ExceptionDto dto) {
      dto.setMessage(refusal != null ? refusal.getMessage() : vietnamese(denied));
    }
    return response;
  }

  private static String vietnamese(AuthorizationException denied) {
    StringBuilder message = new StringBuilder(TEXTS.get("security.notPermitted"));
    for (MissingAuthorization missing : denied.getMissingAuthorizations()) {
      message.append(' ').append(TEXTS.get("security.missingPermission", missing.getViolatedPermissionName(),
          missing.getResourceType(), missing.getResourceId()));
    }
    return message.toString();
  }

  /** Texts for the exception mappers, which Jersey creates itself (not Spring beans). */
  private static Texts TEXTS;

  public RestApiConfiguration(Texts texts) {
    TEXTS = texts;
  }

  /** Camunda's mapper for engine exceptions, except that a validation failure anywhere in the chain is 400. */
  public static class ValidationAwareEngineExceptionHandler extends ProcessEngineExceptionHandler {
    @Override
    public Response toResponse(ProcessEngineException exception) {
      InputValidationException invalid = refusal(exception);
      Response denied = invalid == null ? authorizationResponse(exception, super::toResponse) : null;
      Response missing = invalid == null && denied == null ? notFound(exception) : null;
      return invalid != null ? validationResponse(invalid) : denied != null ? denied
          : missing != null ? missing : super.toResponse(exception);
    }
  }

  /** Camunda's mapper for REST exceptions (which wrap engine exceptions), with the same rule. */
  public static class ValidationAwareRestExceptionHandler extends RestExceptionHandler {
    @Override
    public Response toResponse(RestException exception) {
      InputValidationException invalid = refusal(exception);
      Response denied = invalid == null ? authorizationResponse(exception, new ProcessEngineExceptionHandler()::toResponse) : null;
      Response missing = invalid == null && denied == null ? notFound(exception) : null;
      return invalid != null ? validationResponse(invalid) : denied != null ? denied
          : missing != null ? missing : super.toResponse(exception);
    }
  }
}
