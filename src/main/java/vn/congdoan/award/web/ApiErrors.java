package vn.congdoan.award.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import vn.congdoan.award.support.Texts;

/** The application's own API answers a body it cannot read like any other bad input: 400, in Vietnamese. */
@RestControllerAdvice(assignableTypes = {NominationController.class,
    vn.congdoan.award.notification.MailPreferenceController.class})
public class ApiErrors {
  private final Texts texts;

  public ApiErrors(Texts texts) {
    this.texts = texts;
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    String message = texts.get("api.unreadableBody");
    return ResponseEntity.badRequest().body(Map.of("type", "ValidationError", "message", message,
        "violations", List.of(message)));
  }
}
