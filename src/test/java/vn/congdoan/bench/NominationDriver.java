package vn.congdoan.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.congdoan.award.NominationTestSupport;
import vn.congdoan.award.web.RestClient;

/**
 * Drives nominations through an application's REST API as its users do, for both benchmark programs:
 * start as the preparer, each step claimed and completed as its reviewer (as Tasklist does), the public
 * notice's timer run by the administrator. Calls are timed under "start", "tasks", "claim" and "complete".
 */
final class NominationDriver {
  /** One step of the path: the task, its user and a valid submission. */
  record Step(String task, String user, Map<String, Object> variables) {}

  static final List<Step> BEFORE_NOTICE = List.of(
      new Step("grassrootsApproval", "chutich.bvdk", Map.of("grassrootsApprovalOutcome", "approve")),
      new Step("superiorVetting", "thamdinh.yte", Map.of("superiorVettingOutcome", "approve")),
      new Step("secretariatVetting", "thuky.tinh", Map.of("secretariatVettingOutcome", "approve")));
  static final List<Step> AFTER_NOTICE = List.of(
      new Step("councilBallot", "hoidong.tinh", NominationTestSupport.ballot(15, 12, 7, 5)),
      new Step("standingDecision", "thuongvu.tinh", Map.of("standingDecisionOutcome", "approve")));

  private NominationDriver() {}

  /** Files a Bằng khen tỉnh dossier as the preparer; returns the process instance id. */
  static String start(RestDriver rest, String processKey) throws Exception {
    Map<String, Object> dossier = new HashMap<>(NominationTestSupport.dossier("bang-khen-tinh"));
    return rest.call("start", "lap.bvdk", "POST", "/engine-rest/process-definition/key/" + processKey + "/start",
        Map.of("variables", RestClient.typed(dossier))).path("id").asText();
  }

  /** Finds the step's task in the instance, claims it and completes it as the step's user. */
  static void complete(RestDriver rest, String pi, Step step) throws Exception {
    JsonNode tasks = rest.call("tasks", step.user(), "GET",
        "/engine-rest/task?processInstanceId=" + pi + "&taskDefinitionKey=" + step.task(), null);
    if (tasks.size() != 1) {
      throw new IllegalStateException(rest.app.name + ": no single task " + step.task() + " in " + pi + ": " + tasks);
    }
    String id = tasks.get(0).path("id").asText();
    rest.call("claim", step.user(), "POST", "/engine-rest/task/" + id + "/claim", Map.of("userId", step.user()));
    rest.call("complete", step.user(), "POST", "/engine-rest/task/" + id + "/complete",
        Map.of("variables", RestClient.typed(step.variables())));
  }

  /** The administrator runs the public notice's timer now. */
  static void endPublicNotice(RestDriver rest, String pi) throws Exception {
    JsonNode timers = rest.call(null, "admin", "GET",
        "/engine-rest/job?processInstanceId=" + pi + "&activityId=publicNoticePeriod", null);
    rest.call(null, "admin", "POST", "/engine-rest/job/" + timers.get(0).path("id").asText() + "/execute", null);
  }

  /** Drives the first {@code stop} steps of the path (the notice's timer after the third). */
  static void drive(RestDriver rest, String pi, int stop) throws Exception {
    List<Step> path = new java.util.ArrayList<>(BEFORE_NOTICE);
    path.addAll(AFTER_NOTICE);
    for (int i = 0; i < stop; i++) {
      complete(rest, pi, path.get(i));
      if (i == BEFORE_NOTICE.size() - 1) {
        endPublicNotice(rest, pi);
      }
    }
  }

  static int pathLength() {
    return BEFORE_NOTICE.size() + AFTER_NOTICE.size();
  }

  /** Waits until the instance has ended (its last step is asynchronous, left to the job executor). */
  static void awaitEnded(RestDriver rest, String pi) {
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .until(() -> "COMPLETED".equals(rest.call(null, "admin", "GET", "/engine-rest/history/process-instance/" + pi,
            null).path("state").asText()));
  }
}
