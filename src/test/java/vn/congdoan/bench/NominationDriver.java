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
 * After the notice this project's nominations wait for a council session ({@link #session}); the bare
 * baseline has a ballot and a decision task per nomination instead (its {@link #AFTER_NOTICE}).
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

  /** The process of this project (sessions after the notice); any other key is the bare baseline. */
  static final String AWARD_PROCESS = "award-nomination";

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

  /**
   * Drives the first {@code stop} steps of the path (the notice's timer after the third); for this project the
   * step after the notice is the council session.
   */
  static void drive(RestDriver rest, String pi, int stop, String processKey) throws Exception {
    List<Step> path = new java.util.ArrayList<>(BEFORE_NOTICE);
    if (!AWARD_PROCESS.equals(processKey)) {
      path.addAll(AFTER_NOTICE);
    }
    for (int i = 0; i < stop; i++) {
      if (i == path.size()) {
        session(rest);
        return;
      }
      complete(rest, pi, path.get(i));
      if (i == BEFORE_NOTICE.size() - 1) {
        endPublicNotice(rest, pi);
      }
    }
  }

  static int pathLength(String processKey) {
    return BEFORE_NOTICE.size() + (AWARD_PROCESS.equals(processKey) ? 1 : AFTER_NOTICE.size());
  }

  /**
   * A council session of whatever waits for one now, as the secretariat, the council (a ballot per candidate)
   * and the standing committee hold it; the decisions are left to the job executor. When another client's
   * session has just taken everything waiting, this one finds an empty agenda (400) and there is nothing to do:
   * that session decides.
   */
  static void session(RestDriver rest) throws Exception {
    Map<String, Object> start = Map.of("sessionRound", "2026-tong-ket", "sessionDate", "2026-11-20",
        "sessionCouncilMembers", 15L, "sessionCouncilPresent", 14L);
    String session;
    try {
      session = rest.call("start", "thuky.tinh", "POST", "/engine-rest/process-definition/key/council-session/start",
          Map.of("variables", RestClient.typed(start))).path("id").asText();
    } catch (IllegalStateException emptyAgenda) {
      if (!emptyAgenda.getMessage().contains(": 400 ")) {
        throw emptyAgenda;
      }
      return;
    }
    JsonNode ballots = rest.call("tasks", "hoidong.tinh", "GET",
        "/engine-rest/task?processInstanceId=" + session + "&taskDefinitionKey=sessionBallot", null);
    for (JsonNode ballot : ballots) {
      String id = ballot.path("id").asText();
      rest.call("claim", "hoidong.tinh", "POST", "/engine-rest/task/" + id + "/claim", Map.of("userId", "hoidong.tinh"));
      rest.call("complete", "hoidong.tinh", "POST", "/engine-rest/task/" + id + "/complete",
          Map.of("variables", RestClient.typed(NominationTestSupport.ballot(15, 14, 12, 2))));
    }
    complete(rest, session, new Step("standingApproval", "thuongvu.tinh", Map.of("standingApprovalOutcome", "approve")));
  }

  /** Waits until the instance has ended (its last step is asynchronous, left to the job executor). */
  static void awaitEnded(RestDriver rest, String pi) {
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .until(() -> "COMPLETED".equals(rest.call(null, "admin", "GET", "/engine-rest/history/process-instance/" + pi,
            null).path("state").asText()));
  }
}
