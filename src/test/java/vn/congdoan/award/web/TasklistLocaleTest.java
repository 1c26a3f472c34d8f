package vn.congdoan.award.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our Vietnamese translation of Camunda Tasklist, Cockpit and Admin (and of the welcome app, which also
 * serves the profile page) against the English of the webjar on the class path: Camunda ships only en and de.
 * When Camunda is upgraded and adds or renames a text, this test says which key to translate.
 */
class TasklistLocaleTest {
  private static final String WEBAPP = "META-INF/resources/webjars/camunda/app/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([\\w.]+)\\s*}}");
  private static final Pattern HTML_TAG = Pattern.compile("</?(?:a|br|b|i|em|strong|code|span|p)\\b[^>]*>");

  /**
   * Texts that stay as they are in Vietnamese: the brand and app names, "ID", "null", type names, comparison
   * signs, "Email", data formats (CSV, JSON), the empty text.
   */
  private static final Set<String> SAME_AS_ENGLISH = Set.of(
      "ADMIN_APP", "APP_VENDOR", "AUTHORIZATION_OPTIMIZE", "BATCHES_PROGRESS_ID", "BOOLEAN",
      "CAM_WIDGET_VARIABLES_TABLE_NULL", "CAM_WIDGET_VARIABLE_NULL", "CAM_WIDGET_VARIABLE_UNDEFINED", "COCKPIT_APP",
      "DATE", "DECISION_DEFINITION_NULL", "DECISION_INSTANCE_NULL", "DOUBLE", "GROUPS_GROUP_ID", "INTEGER", "LONG",
      "NO_TASK_FORM", "PLGN_BATCH_ID", "PLGN_BATCH_SEARCH_CONFIG_ID", "PLGN_BTCH_BATCH_SEARCH_CONF_ID",
      "PLGN_BTCH_BATCH_SEARCH_ID", "PLGN_BTCH_SET_REMOVAL_TIME_ABSOLUTE_PLACEHOLDER", "PLGN_CLUP_CASE",
      "PLGN_CLUP_STATS_TTL_NULL", "PLGN_CS_ID", "PLGN_CS_NULL", "PLGN_DRD_ID", "PLGN_DRD_NULL", "PLGN_DRD_SEARCH_ID",
      "PLGN_HIST_ID", "PLGN_MIG_ID", "PLGN_MOD_DIALOG_ID", "PLGN_MOD_DIALOG_PAYLOAD", "PLGN_MOD_REQUEST_PAYLOAD",
      "PLGN_MOD_RESTART_DIALOG_ID", "PLGN_MOD_RESTART_REQUEST_PAYLOAD", "PLGN_MOD_SEARCH_ID", "PLGN_REP_CSV",
      "PLGN_REP_JSON", "PLGN_SETA_CONF_ID", "PLGN_SKE_CAMUNDA_COCKPIT", "PLGN_SKE_NULL", "PLUGIN_CANCEL_PROCESS_ID",
      "PLUGIN_DECISION_DEFINITION_VALUE_TYPE_ID", "PLUGIN_DECISION_ID", "PLUGIN_JOB_RETRY_BULK_ID",
      "PLUGIN_PROCESS_INSTANCE_ID", "PLUGIN_SEARCH_GROUPS_ID", "PLUGIN_SEARCH_TENANTS_ID",
      "PLUGIN_SEARCH_USER_EMAIL", "PLUGIN_SEARCH_USER_ID", "PROCESS_DEFINITION_NULL", "PROCESS_INSTANCE_NULL",
      "REPOSITORY_DEPLOYMENTS_ID", "REPOSITORY_DEPLOYMENTS_NULL", "REPOSITORY_SEARCH_TYPE_ID", "SEARCH_GREATER_THAN",
      "SEARCH_GREATER_THAN_EQUALS", "SEARCH_LESS_THAN", "SEARCH_LESS_THAN_EQUALS", "SETUP_USER_EMAIL", "SHORT",
      "STRING", "SYSTEM_PROCESS_ENGINE", "TASKLIST_APP", "TENANTS_TENANT_ID", "TIME_TO_LIVE_NULL", "USERS_EMAIL",
      "USERS_ID");

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "cockpit", "admin"})
  void viHasTheKeysOfEn(String app) throws IOException {
    Set<String> en = paths(locale(app, "en"));
    Set<String> vi = paths(locale(app, "vi"));
    Set<String> missing = new TreeSet<>(en);
    missing.removeAll(vi);
    Set<String> extra = new TreeSet<>(vi);
    extra.removeAll(en);
    assertTrue(missing.isEmpty() && extra.isEmpty(),
        app + ": vi.json must have exactly the keys of the webjar's en.json; missing " + missing + ", not in en.json " + extra);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "cockpit", "admin"})
  void everyLabelIsTranslatedWithItsPlaceholdersAndMarkup(String app) throws IOException {
    JsonNode en = locale(app, "en").get("labels");
    JsonNode vi = locale(app, "vi").get("labels");
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = en.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      String english = entry.getValue().asText();
      JsonNode translated = vi.get(key);
      if (translated == null || !translated.isTextual()) {
        problems.add(key + ": missing");
        continue;
      }
      String vietnamese = translated.asText();
      Set<String> missing = new TreeSet<>(matches(PLACEHOLDER, english, 1));
      missing.removeAll(matches(PLACEHOLDER, vietnamese, 1));
      if (!missing.isEmpty()) {
        problems.add(key + ": placeholders " + missing + " missing in \"" + vietnamese + "\"");
      }
      if (!matches(HTML_TAG, english, 0).equals(matches(HTML_TAG, vietnamese, 0))) {
        problems.add(key + ": HTML differs from the English \"" + english + "\"");
      }
      if (vietnamese.equals(english) && !SAME_AS_ENGLISH.contains(key)) {
        problems.add(key + ": not translated (\"" + english + "\")");
      }
    }
    assertTrue(problems.isEmpty(), app + " vi.json:\n" + String.join("\n", problems));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "cockpit", "admin"})
  void configSelectsVietnameseForEveryBrowser(String app) throws IOException {
    String config = ourResource(app + "/scripts/config.js");
    // Tasklist takes the browser's first language when it is listed in availableLocales, and
    // fallbackLocale otherwise: with 'vi' alone, English browsers get Vietnamese too.
    Matcher available = Pattern.compile("^\\s*availableLocales:\\s*\\[([^\\]]*)]", Pattern.MULTILINE).matcher(config);
    assertTrue(available.find(), app + " config.js must set locales.availableLocales");
    assertEquals("'vi'", available.group(1).trim(), app + " config.js: availableLocales");
    assertTrue(Pattern.compile("^\\s*fallbackLocale:\\s*'vi'", Pattern.MULTILINE).matcher(config).find(),
        app + " config.js must set locales.fallbackLocale: 'vi'");
    assertNotNull(resource(app + "/locales/vi.json"), app + "/locales/vi.json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "welcome", "cockpit", "admin"})
  void communityEditionBannerIsHidden(String app) throws IOException {
    String css = ourResource(app + "/styles/user-styles.css");
    assertTrue(Pattern.compile("\\.ce-eol-banner\\s*\\{[^}]*display:\\s*none").matcher(css).find(),
        app + " user-styles.css must hide .ce-eol-banner");
  }

  @org.junit.jupiter.api.Test
  void tasklistLoadsTheFormTranslations() throws IOException {
    String config = ourResource("tasklist/scripts/config.js");
    assertTrue(Pattern.compile("customScripts:\\s*\\[\\s*'scripts/vi-forms'").matcher(config).find(),
        "tasklist config.js must load scripts/vi-forms through customScripts");
    assertTrue(ourResource("tasklist/scripts/vi-forms.js").contains("'Trường này là bắt buộc.'"));
  }

  private static JsonNode locale(String app, String language) throws IOException {
    URL url = resource(app + "/locales/" + language + ".json");
    assertNotNull(url, WEBAPP + app + "/locales/" + language + ".json not on the class path");
    try (InputStream in = url.openStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // Camunda's en.json starts with a byte order mark.
      return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }
  }

  private static URL resource(String path) {
    return TasklistLocaleTest.class.getClassLoader().getResource(WEBAPP + path);
  }

  /** Our override of a webjar file: the copy that is not inside a jar. */
  private static String ourResource(String path) throws IOException {
    for (URL url : Collections.list(TasklistLocaleTest.class.getClassLoader().getResources(WEBAPP + path))) {
      if (!"jar".equals(url.getProtocol())) {
        try (InputStream in = url.openStream()) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    return fail("src/main/resources/" + WEBAPP + path + " not on the class path");
  }

  private static Set<String> paths(JsonNode node) {
    Set<String> out = new TreeSet<>();
    collect(node, "", out);
    return out;
  }

  private static void collect(JsonNode node, String prefix, Set<String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> collect(e.getValue(), prefix + "/" + e.getKey(), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), prefix + "[" + i + "]", out);
      }
    } else {
      out.add(prefix + ":" + node.getNodeType());
    }
  }

  private static List<String> matches(Pattern pattern, String text, int group) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(m.group(group));
    }
    Collections.sort(out);
    return out;
  }
}
