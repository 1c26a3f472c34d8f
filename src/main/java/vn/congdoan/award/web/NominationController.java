package vn.congdoan.award.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.congdoan.award.form.InputValidationException;
import vn.congdoan.award.nomination.RecusalService;
import vn.congdoan.award.nomination.WithdrawalService;
import vn.congdoan.award.nomination.WithdrawalService.WithdrawalRefused;

/** The application's own API beside Camunda's: what the engine's REST API cannot say in domain terms. */
@RestController
@RequestMapping("/api")
public class NominationController {
  private final WithdrawalService withdrawals;
  private final RecusalService recusals;

  public NominationController(WithdrawalService withdrawals, RecusalService recusals) {
    this.withdrawals = withdrawals;
    this.recusals = recusals;
  }

  public record WithdrawalRequest(String reason) {}

  @PostMapping("/nominations/{code}/withdrawal")
  public ResponseEntity<Void> withdraw(@PathVariable String code, @RequestBody WithdrawalRequest request) {
    withdrawals.withdraw(code, request == null ? null : request.reason());
    return ResponseEntity.noContent().build();
  }

  public record RecusalRequest(String reason) {}

  /** A reviewer steps aside from a task (conflict of interest); see {@link RecusalService}. */
  @PostMapping("/tasks/{taskId}/recusal")
  public ResponseEntity<Void> recuse(@PathVariable String taskId, @RequestBody(required = false) RecusalRequest request) {
    recusals.recuse(taskId, request == null ? null : request.reason());
    return ResponseEntity.noContent().build();
  }

  @ExceptionHandler(WithdrawalRefused.class)
  ResponseEntity<Map<String, Object>> refused(WithdrawalRefused e) {
    return ResponseEntity.status(e.status()).body(Map.of("type", "WithdrawalRefused", "message", e.getMessage()));
  }

  @ExceptionHandler(InputValidationException.class)
  ResponseEntity<Map<String, Object>> invalid(InputValidationException e) {
    return ResponseEntity.badRequest().body(Map.of("type", "ValidationError", "message", e.getMessage(),
        "violations", List.copyOf(e.getViolations())));
  }
}
