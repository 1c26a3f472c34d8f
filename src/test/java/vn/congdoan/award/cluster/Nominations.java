package vn.congdoan.award.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import vn.congdoan.award.NominationTestSupport;
import vn.congdoan.award.web.RestClient;

/**
 * Nominations of CĐCS Bệnh viện Đa khoa tỉnh driven through a node's REST API as the demo users do it in
 * Tasklist, up to a Giấy khen decided by Công đoàn ngành Y tế. Every call may be repeated after a failure
 * (the node died): a step looks at the nomination's open task first.
 */
public final class Nominations {
  static final String PREPARER = "lap.bvdk";
  /** Who completes each step, by task key. */
  static final Map<String, String> REVIEWERS = Map.of("grassrootsApproval", "chutich.bvdk",
      "superiorVetting", "thamdinh.yte", "superiorDecision", "chutich.yte");

  private Nominations() {}

  /** Files a new nomination; its process instance id. */
  public static String file(AppNode node) throws IOException, InterruptedException {
    JsonNode instance = node.json(PREPARER, "POST", "/engine-rest/process-definition/key/award-nomination/start",
        Map.of("variables", RestClient.typed(NominationTestSupport.dossier("giay-khen"))));
    return instance.get("id").asText();
  }

  /** The key of the nomination's open task, or null when none is open (decided, or at a job). */
  public static String openTask(AppNode node, String processInstanceId) throws IOException, InterruptedException {
    JsonNode tasks = node.json("admin", "GET", "/engine-rest/task?processInstanceId=" + processInstanceId, null);
    return tasks.isEmpty() ? null : tasks.get(0).get("taskDefinitionKey").asText();
  }

  /** Approves the nomination's open task if it is {@code step}; false when another step (or none) is open. */
  public static boolean approve(AppNode node, String processInstanceId, String step) throws IOException, InterruptedException {
    JsonNode tasks = node.json("admin", "GET", "/engine-rest/task?processInstanceId=" + processInstanceId
        + "&taskDefinitionKey=" + step, null);
    if (tasks.isEmpty()) {
      return false;
    }
    String task = tasks.get(0).get("id").asText();
    String user = REVIEWERS.get(step);
    node.json(user, "POST", "/engine-rest/task/" + task + "/claim", Map.of("userId", user));
    node.json(user, "POST", "/engine-rest/task/" + task + "/complete",
        Map.of("variables", Map.of(step + "Outcome", Map.of("value", "approve"))));
    return true;
  }
}
