package vn.congdoan.award.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Calls the running application's REST API as a given user (HTTP Basic), as a portal would. */
public class RestClient {
  private final TestRestTemplate rest;
  private final String user;
  private final String password;

  public RestClient(TestRestTemplate rest, String user, String password) {
    this.rest = rest;
    this.user = user;
    this.password = password;
  }

  /** Camunda's typed-variable JSON: {"name": {"value": ..., "type": "Long"}}. */
  public static Map<String, Object> typed(Map<String, Object> variables) {
    Map<String, Object> out = new LinkedHashMap<>();
    variables.forEach((name, value) -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("value", value);
      v.put("type", typeOf(value));
      out.put(name, v);
    });
    return out;
  }

  private static String typeOf(Object value) {
    if (value == null) {
      return "Null";
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Double || value instanceof Boolean) {
      return value.getClass().getSimpleName();
    }
    return "String";
  }

  /** A file part of a multipart request (a deployment's BPMN or form). */
  public static HttpEntity<ByteArrayResource> file(String name, String content) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
    return new HttpEntity<>(new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return name;
      }
    }, headers);
  }

  public ResponseEntity<Map> post(String path, Object body) {
    return exchange(HttpMethod.POST, path, body, Map.class);
  }

  public ResponseEntity<List> getList(String path) {
    return exchange(HttpMethod.GET, path, null, List.class);
  }

  public ResponseEntity<Map> get(String path) {
    return exchange(HttpMethod.GET, path, null, Map.class);
  }

  public <T> ResponseEntity<T> exchange(HttpMethod method, String path, Object body, Class<T> type) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.APPLICATION_JSON));
    if (user != null) {
      headers.setBasicAuth(user, password);
    }
    return rest.exchange(path, method, new HttpEntity<>(body, headers), type);
  }
}
