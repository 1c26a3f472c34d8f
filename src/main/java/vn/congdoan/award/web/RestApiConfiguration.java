package vn.congdoan.award.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.JsonMappingExceptionHandler;
import org.camunda.bpm.engine.rest.exception.JsonParseExceptionHandler;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.engine.rest.impl.CamundaRestResources;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.congdoan.award.form.FormValidator;
import vn.congdoan.award.form.InputValidationException;
import vn.congdoan.award.security.Refusal;
import vn.congdoan.award.support.Texts;

/**
 * Camunda's REST API as the application serves it: HTTP Basic authentication against the Camunda
 * identity service (a portal or Modeler acts as a real user, and authorization applies to it), and its
 * answers to bad input and to failures:
 * <ul>
 *   <li>a validation failure of a dossier or a step is 400 with the Vietnamese messages, not the engine's
 *       generic 500; so is a body that is not JSON, does not fit, or names a key twice (parsed strictly);
 *   <li>a task, instance or definition that does not exist is 404;
 *   <li>anything that would be a 500 is {@link InternalErrors}' generic answer: the exception is logged
 *       under a reference and never shown.
 * </ul>
 */
@Configuration
public class RestApiConfiguration {
  private static final Texts TEXTS = Texts.standalone();

  static {
    useApplicationHandlers();
  }

  /**
   * Camunda's REST resources take their JSON configuration and exception mappers from one shared set, used
   * by {@code /engine-rest} and by the webapps' own API that Tasklist calls ({@code /camunda/api/engine}):
   * replacing them there gives both the same answers. Runs before either Jersey application initialises
   * (this configuration is created before the web server starts its servlets).
   */
  static synchronized void useApplicationHandlers() {
    Set<Class<?>> classes = CamundaRestResources.getConfigurationClasses();
    replace(classes, ProcessEngineExceptionHandler.class, ValidationAwareEngineExceptionHandler.class);
    replace(classes, RestExceptionHandler.class, ValidationAwareRestExceptionHandler.class);
    replace(classes, ExceptionHandler.class, InternalErrorHandler.class);
    replace(classes, JsonParseExceptionHandler.class, UnreadableJsonHandler.class);
    replace(classes, JsonMappingExceptionHandler.class, UnmappableJsonHandler.class);
    replace(classes, JacksonConfigurator.class, StrictJsonConfigurator.class);
  }

  private static void replace(Set<Class<?>> classes, Class<?> camunda, Class<?> ours) {
    if (classes.remove(camunda)) {
      classes.add(ours);
    }
  }

  @Bean
  public CamundaJerseyResourceConfig camundaJerseyResourceConfig() {
    useApplicationHandlers();
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
    registration.addUrlPatterns("/mailbox", "/mailbox/*", "/ho-so", "/ho-so/*", "/ho-so.csv", "/ho-so.xlsx",
        "/quyet-dinh", "/quyet-dinh/*");
    return registration;
  }

  /** The engine's refusal of a Java-serialized variable (ENGINE-17007) is the client's error: 400. */
  static InputValidationException javaSerializationRefusal(Throwable throwable) {
    for (Throwable t = throwable; t != null && t.getCause() != t; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("ENGINE-17007")) {
        return new InputValidationException(TEXTS.get("api.invalidRequest"), List.of(TEXTS.get("api.javaSerialization")));
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

  static Response internalError(Throwable e) {
    String reference = InternalErrors.log(e);
    return Response.status(Response.Status.INTERNAL_SERVER_ERROR).entity(InternalErrors.body(reference))
        .type(MediaType.APPLICATION_JSON_TYPE).header(InternalErrors.REFERENCE_HEADER, reference).build();
  }

  /**
   * The answer to {@code exception}: 400 for a validation failure anywhere in its chain, 403 for a refusal
   * (in Vietnamese), 404 for what does not exist, the generic answer where Camunda would answer 500, else Camunda's own answer.
   */
  static Response answer(Throwable exception, Function<Throwable, Response> camunda) {
    InputValidationException invalid = refusal(exception);
    if (invalid != null) {
      return validationResponse(invalid);
    }
    Response denied = authorizationResponse(exception, new ProcessEngineExceptionHandler()::toResponse);
    if (denied != null) {
      return denied;
    }
    Response missing = notFound(exception);
    if (missing != null) {
      return missing;
    }
    if (ExceptionHandlerHelper.getInstance().getStatus(exception).getStatusCode() >= 500) {
      return internalError(exception);
    }
    return camunda.apply(exception);
  }

  /** Camunda's mapper for engine exceptions, answering as {@link #answer} says. */
  public static class ValidationAwareEngineExceptionHandler extends ProcessEngineExceptionHandler {
    @Override
    public Response toResponse(ProcessEngineException exception) {
      return answer(exception, e -> super.toResponse((ProcessEngineException) e));
    }
  }

  /** Camunda's mapper for REST exceptions (which wrap engine exceptions), with the same rule. */
  public static class ValidationAwareRestExceptionHandler extends RestExceptionHandler {
    @Override
    public Response toResponse(RestException exception) {
      return answer(exception, e -> super.toResponse((RestException) e));
    }
  }

  /** Camunda's mapper for everything else (a SQL failure, a bug), with the same rule. */
  public static class InternalErrorHandler extends ExceptionHandler {
    @Override
    public Response toResponse(Throwable exception) {
      return answer(exception, super::toResponse);
    }
  }

  /** A duplicate key names it; anything else that is not JSON is simply unreadable. */
  static InputValidationException unreadableBody(Throwable e) {
    String duplicate = duplicateKey(e);
    return new InputValidationException(TEXTS.get("api.invalidRequest"), List.of(duplicate != null
        ? TEXTS.get("api.duplicateKey", duplicate) : TEXTS.get("api.unreadableBody")));
  }

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

  /** The key Jackson's strict parser found twice (its message is the only place that names it), or null. */
  static String duplicateKey(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof StreamReadException read && read.getOriginalMessage() != null) {
        Matcher m = DUPLICATE.matcher(read.getOriginalMessage());
        if (m.find()) {
          return FormValidator.shown(m.group(1));
        }
      }
    }
    return null;
  }

  /**
   * A body that is not JSON, or has a key twice: 400 in Vietnamese, not Jackson's words. Ranked before the
   * mappers of Jersey's own Jackson feature, which would answer with Jackson's message.
   */
  @Priority(Priorities.USER - 100)
  public static class UnreadableJsonHandler implements ExceptionMapper<JsonParseException> {
    @Override
    public Response toResponse(JsonParseException exception) {
      return validationResponse(unreadableBody(exception));
    }
  }

  /**
   * JSON that does not fit what the endpoint takes (a string for an object): 400 in Vietnamese. A mapping
   * the server cannot define at all is its own failure. Ranked like {@link UnreadableJsonHandler}.
   */
  @Priority(Priorities.USER - 100)
  public static class UnmappableJsonHandler implements ExceptionMapper<JsonMappingException> {
    @Override
    public Response toResponse(JsonMappingException exception) {
      return exception instanceof InvalidDefinitionException ? internalError(exception)
          : validationResponse(unreadableBody(exception));
    }
  }

  /**
   * Camunda's JSON settings, and a key given twice is an error rather than "the last one wins". One mapper
   * for all requests: Camunda's configurator builds a new one for every body read or written, which then
   * learns every type it meets again by reflection (a tenth of a REST call's CPU). A configured mapper is
   * safe to share; Jackson copies the date format for each use. Built again if Camunda's date format is
   * changed (it is set once, at startup).
   */
  public static class StrictJsonConfigurator extends JacksonConfigurator {
    private static volatile Shared shared;

    private record Shared(String dateFormat, ObjectMapper mapper) {}

    @Override
    public ObjectMapper getContext(Class<?> type) {
      Shared current = shared;
      if (current == null || !current.dateFormat().equals(JacksonConfigurator.dateFormatString)) {
        ObjectMapper mapper = super.getContext(type);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        current = new Shared(JacksonConfigurator.dateFormatString, mapper);
        shared = current;
      }
      return current.mapper();
    }
  }
}
