package vn.congdoan.award.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import vn.congdoan.award.support.Texts;

/**
 * The application's own API answers like Camunda's (see {@link RestApiConfiguration}): a body it cannot
 * read — not JSON, the wrong shape, a key given twice ({@code spring.jackson.parser.strict-duplicate-detection})
 * — is 400 in Vietnamese; a request it refuses for its method or content type keeps its 4xx status with a
 * Vietnamese message; anything else is the generic 500 of {@link InternalErrors}, its exception logged, never
 * shown. The controllers' own refusals (their {@code @ExceptionHandler}s) come first.
 */
@RestControllerAdvice(assignableTypes = {NominationController.class,
    vn.congdoan.award.notification.MailPreferenceController.class})
public class ApiErrors {
  private final Texts texts;

  public ApiErrors(Texts texts) {
    this.texts = texts;
  }

  @ExceptionHandler(HttpMessageConversionException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageConversionException e) {
    if (e instanceof HttpMessageNotWritableException) {
      return internal(e);
    }
    String message = RestApiConfiguration.unreadableBody(e).getViolations().get(0);
    return ResponseEntity.badRequest().body(Map.of("type", "ValidationError", "message", message,
        "violations", List.of(message)));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> failed(Exception e) {
    if (e instanceof ErrorResponse refused && refused.getStatusCode().is4xxClientError()) {
      String message = e instanceof HttpMediaTypeNotSupportedException
          ? texts.get("api.unsupportedMediaType") : texts.get("api.requestRefused", refused.getStatusCode().value());
      return ResponseEntity.status(refused.getStatusCode()).headers(refused.getHeaders())
          .body(Map.of("type", "RequestRefused", "message", message));
    }
    return internal(e);
  }

  private static ResponseEntity<Map<String, Object>> internal(Exception e) {
    String reference = InternalErrors.log(e);
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).header(InternalErrors.REFERENCE_HEADER, reference)
        .body(InternalErrors.body(reference));
  }
}
