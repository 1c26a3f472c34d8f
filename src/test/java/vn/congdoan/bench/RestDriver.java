package vn.congdoan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Calls an application's REST API as a user (HTTP Basic, password "demo") and keeps the latency of named calls. */
final class RestDriver {
  static final ObjectMapper JSON = new ObjectMapper();

  final ChildApp app;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();

  RestDriver(ChildApp app) {
    this.app = app;
  }

  JsonNode call(String measured, String user, String method, String path, Object body) throws Exception {
    return call(measured, user, method, path, body, "application/json");
  }

  JsonNode call(String measured, String user, String method, String path, Object body, String accept)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url(path)))
        .timeout(Duration.ofSeconds(120))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .header("Accept", accept);
    if (body != null || method.equals("POST")) {
      request.header("Content-Type", "application/json").method(method,
          HttpRequest.BodyPublishers.ofString(body == null ? "{}" : JSON.writeValueAsString(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    long t0 = System.nanoTime();
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    long elapsed = System.nanoTime() - t0;
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(app.name + " " + method + " " + path + " as " + user + ": "
          + response.statusCode() + " " + response.body());
    }
    if (measured != null) {
      latencies.computeIfAbsent(measured, k -> Collections.synchronizedList(new ArrayList<>())).add(elapsed);
    }
    return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }

  /** The p-th percentile in milliseconds of nanosecond samples. */
  static double percentile(List<Long> nanos, int p) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
  }
}
